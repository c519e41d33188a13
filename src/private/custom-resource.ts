/**
 * The custom resource of every construct of the library, made the same way: the provider's
 * function as service token, a service timeout written as it resolves, and CloudFormation's
 * default deletion policies left out of the template. Internal: not exported from index.ts.
 */
import { CfnDeletionPolicy, CfnResource, CustomResource, Duration, RemovalPolicy, Tokenization } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** What a custom resource of the library is made of. */
export interface LibraryCustomResourceProps {
  readonly resourceType: string;
  readonly serviceToken: string;
  readonly serviceTimeout: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly properties: object;
}

/** Makes the custom resource `Resource` under `scope`. */
export function libraryCustomResource(scope: Construct, props: LibraryCustomResourceProps): CustomResource {
  const { serviceTimeout } = props;
  const resource = new CustomResource(scope, 'Resource', {
    resourceType: props.resourceType,
    serviceToken: props.serviceToken,
    removalPolicy: props.removalPolicy,
    serviceTimeout: serviceTimeout.isUnresolved() ? undefined : serviceTimeout,
    properties: props.properties as Record<string, unknown>,
  });
  leaveDefaultPoliciesOut(resource);
  if (serviceTimeout.isUnresolved()) {
    // aws-cdk-lib before 2.200 refuses a token `serviceTimeout`, and later releases render
    // it with `toString()`, which loses the token: write the property as it resolves.
    (resource.node.defaultChild as CfnResource)
      .addPropertyOverride('ServiceTimeout', Tokenization.stringifyNumber(serviceTimeout.toSeconds()));
  }
  // No explicit dependency on the role: the function ARN orders the resource after the
  // function, and the function after its role, whose policy is inline.
  return resource;
}

/**
 * Leaves out `DeletionPolicy` and `UpdateReplacePolicy` when they are `Delete`, CloudFormation's
 * default for a custom resource: written out, the pair costs 57 B of template per resource.
 */
export function leaveDefaultPoliciesOut(resource: CustomResource): void {
  const options = (resource.node.defaultChild as CfnResource).cfnOptions;
  if (options.deletionPolicy === CfnDeletionPolicy.DELETE) options.deletionPolicy = undefined;
  if (options.updateReplacePolicy === CfnDeletionPolicy.DELETE) options.updateReplacePolicy = undefined;
}
