import { IResource, Resource } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Catalog } from './catalog';
import { InvitationStatus } from './enums';
import { catalogCondition } from './private/catalog-condition';
import {
  detailTypeOf, detailTypeOptionProblems, eventRegionProblem, invitationEventPattern, onEventArgumentProblems, STATUS_DETAIL_TYPES,
  warnIfRegionUnknown,
} from './private/invitation-events';
import { READ_INVITATION_ACTIONS, UNSCOPED_ACTIONS } from './private/provider-actions';
import { grantProblems } from './private/runtime-types';
import { throwProblems } from './private/validate-props';

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

  /**
   * Defines an EventBridge rule that matches every Partner Central event about this invitation.
   *
   * The rule matches events from the source `aws.partnercentral-account` whose
   * `detail.connectionInvitation.id` is this invitation's id and whose `detail.catalog` is its
   * catalog (in any letter case). Partner Central publishes its events only to the default event
   * bus of us-east-1, so the rule must be made in a stack in us-east-1: a stack with another
   * region is an error, and an environment-agnostic stack gets the warning
   * `cdk-partnercentral:eventRuleRegionUnknown`. To react to an invitation of a stack in another
   * region, import it with `ConnectionInvitation.fromConnectionInvitationArn` in a stack in
   * us-east-1 and call this there.
   *
   * @param id the construct id of the rule (a child of this invitation)
   * @param options the rule's target, name, description and any further pattern to merge
   */
  onEvent(id: string, options?: events.OnEventOptions): events.Rule;

  /**
   * Defines an EventBridge rule that matches the events of this invitation's status changes.
   *
   * The events are those `onEvent` matches whose detail type is `Partner Connection Invitation
   * Accepted`, `Rejected`, `Cancelled` or `Expired`; they carry no status field, so a target tells
   * the new status by the `detail-type`. The sender's account receives Accepted, Rejected and
   * Expired; the receiver's account receives Accepted, Cancelled and Expired. Use this instead
   * of `connectionInvitationStatus`, which CloudFormation does not refresh.
   *
   * @param id the construct id of the rule (a child of this invitation)
   * @param options the rule's target, name, description and any further pattern to merge, without
   * a `detailType` (refused: the detail types of a rule add up, so it would widen the rule; use
   * `onEvent` with your own `detailType` instead)
   */
  onStatusChange(id: string, options?: events.OnEventOptions): events.Rule;

  /**
   * Defines an EventBridge rule that matches the event of this invitation being accepted.
   *
   * The event is the one `onEvent` matches whose detail type is `Partner Connection Invitation
   * Accepted` (the status `ACCEPTED`); both the sender's and the receiver's accounts receive it,
   * with the new connection in `detail.connection`.
   *
   * @param id the construct id of the rule (a child of this invitation)
   * @param options the rule's target, name, description and any further pattern to merge, without
   * a `detailType` (refused: the detail types of a rule add up, so it would widen the rule; use
   * `onEvent` with your own `detailType` instead)
   */
  onAccepted(id: string, options?: events.OnEventOptions): events.Rule;
}

/**
 * What every connection invitation offers, made by this app (`ConnectionInvitation`) or
 * elsewhere (`ConnectionInvitation.fromConnectionInvitationArn`): its id, ARN and catalog, and
 * the grants on it, and the EventBridge rules that follow its status.
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
    return this.grant(grantee, ...READ_INVITATION_ACTIONS);
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
    const conditions = catalogCondition(this.catalog.name);
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

  /**
   * Defines an EventBridge rule that matches every Partner Central event about this invitation.
   *
   * The rule matches events from the source `aws.partnercentral-account` whose
   * `detail.connectionInvitation.id` is this invitation's id and whose `detail.catalog` is its
   * catalog (in any letter case). Partner Central publishes its events only to the default event
   * bus of us-east-1, so the rule must be made in a stack in us-east-1: a stack with another
   * region is an error, and an environment-agnostic stack gets the warning
   * `cdk-partnercentral:eventRuleRegionUnknown`.
   *
   * @param id the construct id of the rule (a child of this invitation)
   * @param options the rule's target, name, description and any further pattern to merge
   */
  public onEvent(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.invitationRule('onEvent', id, options);
  }

  /**
   * Defines an EventBridge rule that matches the events of this invitation's status changes.
   *
   * The events are those `onEvent` matches whose detail type is `Partner Connection Invitation
   * Accepted`, `Rejected`, `Cancelled` or `Expired`; a target tells the new status by the
   * `detail-type`.
   *
   * @param id the construct id of the rule (a child of this invitation)
   * @param options the rule's target, name, description and any further pattern to merge, without
   * a `detailType` (refused: the detail types of a rule add up, so it would widen the rule; use
   * `onEvent` with your own `detailType` instead)
   */
  public onStatusChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    const rule = this.invitationRule('onStatusChange', id, options, true);
    rule.addEventPattern({ detailType: STATUS_DETAIL_TYPES.map((s) => s.detailType) });
    return rule;
  }

  /**
   * Defines an EventBridge rule that matches the event of this invitation being accepted.
   *
   * The event is the one `onEvent` matches whose detail type is `Partner Connection Invitation
   * Accepted` (the status `ACCEPTED`).
   *
   * @param id the construct id of the rule (a child of this invitation)
   * @param options the rule's target, name, description and any further pattern to merge, without
   * a `detailType` (refused: the detail types of a rule add up, so it would widen the rule; use
   * `onEvent` with your own `detailType` instead)
   */
  public onAccepted(id: string, options: events.OnEventOptions = {}): events.Rule {
    const rule = this.invitationRule('onAccepted', id, options, true);
    rule.addEventPattern({ detailType: [detailTypeOf(InvitationStatus.ACCEPTED)] });
    return rule;
  }

  /**
   * The rule `method(id, options)` makes: this invitation's events, with the options' target and pattern.
   *
   * @param ownDetailType whether the method sets the rule's detail types, so that the options may not add any
   */
  private invitationRule(method: string, id: string, options: events.OnEventOptions, ownDetailType = false): events.Rule {
    throwProblems(`Invalid ${method} on ConnectionInvitation ${this.node.path}`, [
      ...onEventArgumentProblems(id, options),
      ...(ownDetailType ? detailTypeOptionProblems(method, options) : []),
    ]);
    const regionProblem = eventRegionProblem(this);
    if (regionProblem) {
      throw new Error(`Invalid ${method}(${JSON.stringify(id)}) on ConnectionInvitation ${this.node.path}: ${regionProblem}`);
    }
    const rule = new events.Rule(this, id, options);
    rule.addEventPattern(invitationEventPattern({ invitationId: this.connectionInvitationId, catalog: this.catalog.name }));
    rule.addTarget(options.target);
    warnIfRegionUnknown(rule, `${method}(${JSON.stringify(id)}) on ConnectionInvitation ${this.node.path}`);
    return rule;
  }
}
