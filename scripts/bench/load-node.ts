// Which Node loads the bundles in the cold-load section. The functions run on Lambda's nodejs22.x
// (lib/cabinet-function.ts), and module load differs between Node majors (on this project's reference machine the
// floor loads in ~55 ms on Node 20 and ~80 ms on Node 22, and the ratios differ too), so by default the bench
// measures on the Lambda runtime's major: this Node when it is one, otherwise that Node fetched once from the npm
// registry with `npx node@<major>` (the official binaries, republished on npm; kept in npm's cache afterwards).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LAMBDA_NODE_MAJOR } from '../../lib/bundling.ts';

const run = promisify(execFile);

export interface LoadNode {
  /** Absolute path of the node binary that loads the bundles. */
  path: string;
  version: string;
  /** How it was chosen, for the report. */
  origin: string;
}

const majorOf = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1]);

async function versionOf(path: string): Promise<string> {
  const { stdout } = await run(path, ['--version'], { timeout: 30_000 });
  return stdout.trim();
}

/**
 * `choice`: 'lambda' (the default: Node LAMBDA_NODE_MAJOR), 'current' (the Node running the bench) or the path of a
 * node binary. 'lambda' falls back to the current Node, saying so, when the registry cannot be reached.
 */
export async function resolveLoadNode(choice: string): Promise<LoadNode> {
  const current = { path: process.execPath, version: process.version };
  if (choice === 'current') return { ...current, origin: 'the Node running the bench (--node current)' };
  if (choice !== 'lambda') return { path: choice, version: await versionOf(choice), origin: '--node' };
  if (majorOf(process.version) === LAMBDA_NODE_MAJOR) {
    return { ...current, origin: `the Lambda runtime's major (nodejs${LAMBDA_NODE_MAJOR}.x), which is this Node` };
  }
  try {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const { stdout } = await run(npx, ['--yes', `node@${LAMBDA_NODE_MAJOR}`, '-p', 'process.execPath'], {
      timeout: 300_000,
      shell: process.platform === 'win32',
    });
    const path = stdout.trim().split('\n').pop() ?? '';
    const version = await versionOf(path);
    if (majorOf(version) !== LAMBDA_NODE_MAJOR) throw new Error(`npx node@${LAMBDA_NODE_MAJOR} gave ${version}`);
    return { path, version, origin: `the Lambda runtime's major (nodejs${LAMBDA_NODE_MAJOR}.x), from npx node@${LAMBDA_NODE_MAJOR}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      ...current,
      origin: `the Node running the bench: Node ${LAMBDA_NODE_MAJOR} (the Lambda runtime) could not be fetched (${reason}); numbers are not the runtime's`,
    };
  }
}
