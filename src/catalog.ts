/** Marks instances of `Catalog`, so `Catalog.isCatalog` works across copies of this library. */
const CATALOG_SYMBOL = Symbol.for('cdk-partnercentral.Catalog');

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
   * Names are case-sensitive. The name is checked by the construct that uses the catalog,
   * together with the construct's other props, so one error lists every problem.
   *
   * @param name the catalog name as the API spells it: 1 to 64 letters, digits and hyphens
   */
  public static of(name: string): Catalog {
    if (name === Catalog.AWS.name) return Catalog.AWS;
    if (name === Catalog.SANDBOX.name) return Catalog.SANDBOX;
    return new Catalog(name);
  }

  /**
   * Whether `x` is a `Catalog`.
   *
   * @param x any value
   */
  public static isCatalog(x: any): x is Catalog {
    return typeof x === 'object' && x !== null && CATALOG_SYMBOL in x;
  }

  /** The catalog name as the API spells it (`AWS`, `Sandbox`). */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
    Object.defineProperty(this, CATALOG_SYMBOL, { value: true });
  }

  /** The catalog name. */
  public toString(): string {
    return this.name;
  }
}
