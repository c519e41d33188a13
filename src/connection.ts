import { Fn, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CONNECTION_ID_ALLOWED, CONNECTION_ID_PATTERN, connectionArn as arnOfConnection, parseConnectionArn } from './api-constraints';
import { Catalog } from './catalog';
import { ConnectionBase, IConnection } from './connection-base';
import { futurePath } from './private/future-path';
import { checkString } from './private/runtime-types';
import { catalogProblem } from './private/validate-catalog';
import { throwProblems } from './private/validate-props';

/**
 * Uses a Partner Central connection made elsewhere: accepted in the console, by another app,
 * or by a `ConnectionInvitationAccepter` of another stack.
 *
 * A connection made in this app is its `ConnectionInvitationAccepter`, which is an
 * `IConnection` itself.
 *
 * @example
 * const connection = Connection.fromConnectionArn(this, 'Partner',
 *   'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc');
 * declare const reporter: iam.IGrantable;
 * connection.grantRead(reporter);
 */
export class Connection {
  /**
   * Uses a connection made elsewhere, by its ARN.
   *
   * When the ARN is known at synth time its id and catalog are parsed (and a malformed ARN is
   * an error); when it is a token (a parameter, an SSM value) they are read from it at deploy
   * time with `Fn::Split`.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param connectionArn the connection ARN, such as `arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc`
   */
  public static fromConnectionArn(scope: Construct, id: string, connectionArn: string): IConnection {
    const header = `Invalid Connection import ${futurePath(scope, id)}`;
    throwProblems(header, [checkString('connectionArn', connectionArn)].filter((p): p is string => p !== undefined));
    if (Token.isUnresolved(connectionArn)) {
      // arn:<partition>:partnercentral:<region>::catalog/<Catalog>/connection/<id>
      const parts = Fn.split('/', connectionArn);
      return new ImportedConnection(scope, id, connectionArn, Fn.select(3, parts), Catalog.of(Fn.select(1, parts)));
    }
    const parsed = parseConnectionArn(connectionArn);
    if (!parsed) {
      throwProblems(header, ['`connectionArn` must be a connection ARN such as '
        + `arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc, got: ${JSON.stringify(connectionArn)}`]);
    }
    return new ImportedConnection(scope, id, connectionArn, parsed!.id, Catalog.of(parsed!.catalog));
  }

  /**
   * Uses a connection made elsewhere, by its id and catalog.
   *
   * The ARN is made in the stack's partition, in us-east-1 (the only region of Partner
   * Central).
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param connectionId the connection id, such as `pac-0123456789abc` (`pac-` and 13 letters or digits when it is not a token)
   * @param catalog the catalog of the connection; `Catalog.AWS` when omitted
   */
  public static fromConnectionId(scope: Construct, id: string, connectionId: string, catalog?: Catalog): IConnection {
    const problems: string[] = [];
    const wrongType = checkString('connectionId', connectionId);
    if (wrongType) {
      problems.push(wrongType);
    } else if (!Token.isUnresolved(connectionId) && !CONNECTION_ID_PATTERN.test(connectionId)) {
      problems.push(`\`connectionId\` must be a connection id (${CONNECTION_ID_ALLOWED}), got: ${JSON.stringify(connectionId)}`);
    }
    const chosen = catalog ?? Catalog.AWS;
    const wrongCatalog = catalog === undefined ? undefined : catalogProblem(catalog);
    if (wrongCatalog) problems.push(wrongCatalog.problem);
    throwProblems(`Invalid Connection import ${futurePath(scope, id)}`, problems);
    const partition = Stack.of(scope).partition;
    const arn = arnOfConnection(chosen.name, connectionId, partition);
    return new ImportedConnection(scope, id, arn, connectionId, chosen);
  }

  private constructor() {}
}

/** A connection made elsewhere. */
class ImportedConnection extends ConnectionBase {
  public readonly connectionArn: string;
  public readonly connectionId: string;
  public readonly catalog: Catalog;

  constructor(scope: Construct, id: string, arn: string, connectionId: string, catalog: Catalog) {
    super(scope, id);
    this.connectionArn = arn;
    this.connectionId = connectionId;
    this.catalog = catalog;
  }
}

