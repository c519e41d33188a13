import { IResource, Resource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Catalog } from './catalog';
import { grantProblems } from './private/runtime-types';
import { throwProblems } from './private/validate-props';

/** The action that reads one invitation. */
const READ_ACTIONS = ['partnercentral:GetConnectionInvitation'];
/**
 * The connection invitation actions that take no resource type (Service Authorization
 * Reference): granted on `*`, since a statement naming an invitation ARN never matches them.
 */
const UNSCOPED_ACTIONS = ['partnercentral:CreateConnectionInvitation', 'partnercentral:ListConnectionInvitations'];
/** The IAM condition key of every Partner Central connection invitation action. */
const CATALOG_CONDITION_KEY = 'partnercentral:Catalog';

/**
 * A Partner Central connection invitation, made by this app or elsewhere.
 */
export interface IConnectionInvitation extends IResource {
  /**
   * The invitation id, such as `pacinv-0123456789abc`.
   *
   * @attribute
   */
  readonly connectionInvitationId: string;

  /**
   * The invitation ARN, such as
   * `arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc`.
   *
   * @attribute
   */
  readonly connectionInvitationArn: string;

  /**
   * The catalog the invitation lives in.
   */
  readonly catalog: Catalog;

  /**
   * Grants `partnercentral:GetConnectionInvitation` on this invitation.
   *
   * The statement carries the `partnercentral:Catalog` condition of the invitation's catalog.
   *
   * @param grantee the principal to grant the permission to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Partner Central actions on this invitation.
   *
   * The actions are granted on the invitation's ARN, except those that take no resource type
   * (`partnercentral:CreateConnectionInvitation` and `partnercentral:ListConnectionInvitations`),
   * which are granted on `*`. Every statement carries the `partnercentral:Catalog` condition of
   * the invitation's catalog.
   *
   * @param grantee the principal to grant the permissions to
   * @param actions the IAM actions, such as `partnercentral:GetConnectionInvitation`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/**
 * What every connection invitation offers, made by this app (`ConnectionInvitation`) or
 * elsewhere (`ConnectionInvitation.fromConnectionInvitationArn`): its id, ARN and catalog, and
 * the grants on it.
 */
export abstract class ConnectionInvitationBase extends Resource implements IConnectionInvitation {
  /**
   * The invitation id, such as `pacinv-0123456789abc`.
   *
   * @attribute
   */
  public abstract readonly connectionInvitationId: string;

  /**
   * The invitation ARN.
   *
   * @attribute
   */
  public abstract readonly connectionInvitationArn: string;

  /**
   * The catalog the invitation lives in.
   */
  public abstract readonly catalog: Catalog;

  /**
   * Grants `partnercentral:GetConnectionInvitation` on this invitation.
   *
   * @param grantee the principal to grant the permission to
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...READ_ACTIONS);
  }

  /**
   * Grants the given Partner Central actions on this invitation.
   *
   * The actions are granted on the invitation's ARN, except those that take no resource type
   * (`partnercentral:CreateConnectionInvitation` and `partnercentral:ListConnectionInvitations`),
   * which are granted on `*`. Every statement carries the `partnercentral:Catalog` condition of
   * the invitation's catalog.
   *
   * @param grantee the principal to grant the permissions to
   * @param actions the IAM actions, such as `partnercentral:GetConnectionInvitation`
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    throwProblems(`Invalid grant on ConnectionInvitation ${this.node.path}`, grantProblems(grantee, actions));
    const conditions = { StringEqualsIgnoreCase: { [CATALOG_CONDITION_KEY]: this.catalog.name } };
    const unscoped = (action: string) => UNSCOPED_ACTIONS.some((a) => a.toLowerCase() === action.toLowerCase());
    const onArn = actions.filter((action) => !unscoped(action));
    const onAll = actions.filter(unscoped);
    const grants: iam.Grant[] = [];
    if (onArn.length > 0 || onAll.length === 0) {
      grants.push(iam.Grant.addToPrincipal({ grantee, actions: onArn, resourceArns: [this.connectionInvitationArn], conditions }));
    }
    if (onAll.length > 0) {
      grants.push(iam.Grant.addToPrincipal({ grantee, actions: onAll, resourceArns: ['*'], conditions }));
    }
    return grants.reduce((all, grant) => all.combine(grant));
  }
}
