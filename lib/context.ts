// Reads the deployment settings the app takes from CDK context (cdk.json or `cdk synth -c key=value`).
import type { Construct } from 'constructs';

/**
 * A list setting: `-c key=a,b` arrives as one string, cdk.json may hold a JSON array; both are accepted.
 * An absent key gives `fallback`; a key set to an empty string gives an empty list.
 */
export function contextList(scope: Construct, key: string, fallback: readonly string[]): string[] {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null) return [...fallback];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

export function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}
