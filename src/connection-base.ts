import { IResource, Resource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Catalog } from './catalog';
import { catalogCondition } from './private/catalog-condition';
import { READ_CONNECTION_ACTIONS } from './private/provider-actions';
import { grantProblems } from './private/runtime-types';
import { throwProblems } from './private/validate-props';

/**
 * A Partner Central connection between two accounts, made by accepting an invitation in this
 * app (`ConnectionInvitationAccepter`) or elsewhere (`Connection.fromConnectionArn`).
 */
export interface IConnection extends IResource {
  /**
   * The connection id, such as `pac-0123456789abc`.
   *
   * @attribute
   */
  readonly connectionId: string;

  /**
   * The connection ARN, such as
   * `arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc`.
   *
   * @attribute
   */
  readonly connectionArn: string;

  /**
   * The catalog the connection lives in.
   */
  readonly catalog: Catalog;

  /**
   * Grants `partnercentral:GetConnection` on this connection.
   *
   * The statement names the connection's ARN and carries the `partnercentral:Catalog`
   * condition of its catalog.
   *
   * @param grantee the principal to grant the permission to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Partner Central actions on this connection.
   *
   * The statement names the connection's ARN and carries the `partnercentral:Catalog`
   * condition of its catalog.
   *
   * @param grantee the principal to grant the permissions to
   * @param actions the IAM actions, such as `partnercentral:GetConnection`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/**
 * What every connection offers, made by accepting an invitation in this app
 * (`ConnectionInvitationAccepter`) or elsewhere (`Connection.fromConnectionArn`,
 * `Connection.fromConnectionId`): its id, ARN and catalog, and the grants on it.
 */
export abstract class ConnectionBase extends Resource implements IConnection {
  /**
   * The connection id, such as `pac-0123456789abc`.
   *
   * @attribute
   */
  public abstract readonly connectionId: string;

  /**
   * The connection ARN.
   *
   * @attribute
   */
  public abstract readonly connectionArn: string;

  /**
   * The catalog the connection lives in.
   */
  public abstract readonly catalog: Catalog;

  /**
   * Grants `partnercentral:GetConnection` on this connection.
   *
   * @param grantee the principal to grant the permission to
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...READ_CONNECTION_ACTIONS);
  }

  /**
   * Grants the given Partner Central actions on this connection.
   *
   * The statement names the connection's ARN and carries the `partnercentral:Catalog`
   * condition of its catalog.
   *
   * @param grantee the principal to grant the permissions to
   * @param actions the IAM actions, such as `partnercentral:GetConnection`
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    throwProblems(`Invalid grant on Connection ${this.node.path}`, grantProblems(grantee, actions));
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.connectionArn],
      conditions: catalogCondition(this.catalog.name),
    });
  }
}
