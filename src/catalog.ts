import { Token } from 'aws-cdk-lib';
import { checkField } from './api-constraints';

/**
 * A Partner Central catalog: the partition of Partner Central data an invitation lives in.
 *
 * Use `Catalog.SANDBOX` while testing (its invitations touch no production data), and
 * `Catalog.AWS` for real partnerships. `Catalog.of()` takes any other catalog name the API accepts.
 */
export class Catalog {
  /** The production catalog. */
  public static readonly AWS = new Catalog('AWS');

  /** The sandbox catalog, for testing with data that does not reach production. */
  public static readonly SANDBOX = new Catalog('Sandbox');

  /**
   * A catalog by name.
   *
   * `Catalog.of('AWS')` and `Catalog.of('Sandbox')` return `Catalog.AWS` and `Catalog.SANDBOX`.
   * Names are case-sensitive.
   *
   * @param name the catalog name as the API spells it: 1 to 64 letters, digits and hyphens
   */
  public static of(name: string): Catalog {
    if (name === Catalog.AWS.name) return Catalog.AWS;
    if (name === Catalog.SANDBOX.name) return Catalog.SANDBOX;
    return new Catalog(name);
  }

  /** The catalog name as the API spells it (`AWS`, `Sandbox`). */
  public readonly name: string;

  private constructor(name: string) {
    if (!Token.isUnresolved(name)) {
      const v = checkField('Catalog', name);
      if (v) throw new Error(`\`catalog\` ${v.rule}, got: ${JSON.stringify(name)}`);
    }
    this.name = name;
  }

  /** The catalog name. */
  public toString(): string {
    return this.name;
  }
}
