/**
 * CloudFormation's pseudo parameters (`AWS::Region`, `AWS::AccountId`, ...) as a rehearsal
 * gives them values.
 */

/** The values of the pseudo parameters during a rehearsal. */
export interface PseudoParameters {
  /** `AWS::Region`. */
  readonly region: string;
  /** `AWS::AccountId`. */
  readonly accountId: string;
  /** `AWS::StackName`. */
  readonly stackName: string;
  /** `AWS::StackId`. */
  readonly stackId: string;
  /** `AWS::Partition`. */
  readonly partition: string;
  /** `AWS::URLSuffix`. */
  readonly urlSuffix: string;
}

/** Every pseudo parameter the rehearsal knows. */
export const PSEUDO_NAMES = [
  'AWS::Region', 'AWS::AccountId', 'AWS::StackName', 'AWS::StackId', 'AWS::Partition',
  'AWS::URLSuffix', 'AWS::NoValue', 'AWS::NotificationARNs',
];

/** The partition and URL suffix of a region, as CloudFormation reports them. */
export function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  if (region.startsWith('us-iso-')) return { partition: 'aws-iso', urlSuffix: 'c2s.ic.gov' };
  if (region.startsWith('us-isob-')) return { partition: 'aws-iso-b', urlSuffix: 'sc2s.sgov.gov' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}
