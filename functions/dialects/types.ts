// What a dialect declares about itself (docs/dialects.md): where it is mounted, what its OpenAPI document says, and
// where it differs from its seed on purpose. Plain data: CDK, the local gateway and the documents read it.

export interface DialectDef {
  /** Its name in `-c dialects=…`, `npm start -- --dialects=…` and DIALECTS. */
  readonly name: string;
  /** Every route of the dialect is under it: the seed's own paths follow, exactly as the seed writes them. */
  readonly base: `/compat/${string}`;
  /** The seed document it speaks (its file in the seeds' folder). */
  readonly seed: string;
  /** Its OpenAPI document's title and description (markdown). */
  readonly title: string;
  readonly description: string;
  /** Where it differs from the seed, on purpose, and why: listed in its OpenAPI document and in docs/migrating.md. */
  readonly differences: readonly string[];
  /** Its OpenAPI tags and their descriptions. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The route refused, for a seed whose words depend on it (seed 004's 403 for agents, its `name` field). */
export interface SeedRoute {
  readonly method: string;
  readonly path: string;
}
