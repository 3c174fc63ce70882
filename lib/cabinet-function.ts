// The one Lambda construct every Cabinet function uses: runtime, architecture, bundling, logs and least-privilege grants.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ApplicationLogLevel, Architecture, LoggingFormat, type SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BATCH_WRITE_ACTIONS, INDEX_ACTIONS, TABLE_ACTIONS, TABLE_DEFINITION } from '#core/table';
import type { CognitoAction } from '#routes';
import { cdkBundling, LAMBDA_RUNTIME } from './bundling.ts';
import { contextString } from './context.ts';

export type TableAccess = 'read' | 'readWrite';

/** The repository root: entries, package-lock.json and tsconfig.json are resolved from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where a function's source map goes (outside its asset, so never in the zip): <cdk.out>/source-maps/<stack>/<id>. */
export function sourceMapDirOf(scope: Construct): string {
  const outdir = Stage.of(scope)?.outdir ?? 'cdk.out';
  return join(resolve(outdir), 'source-maps', Stack.of(scope).stackName, scope.node.id);
}

/**
 * Lambda's log settings, from CDK context: `logLevel` (the application's: DEBUG, INFO, WARN, ERROR; default INFO) and
 * `systemLogLevel` (the runtime's own lines: DEBUG, INFO, WARN; default INFO). Checked at synth.
 */
export function logLevels(scope: Construct): { application: ApplicationLogLevel; system: SystemLogLevel } {
  const application = (contextString(scope, 'logLevel') ?? 'INFO').toUpperCase();
  const system = (contextString(scope, 'systemLogLevel') ?? 'INFO').toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(application)) {
    throw new Error(`Context logLevel must be DEBUG, INFO, WARN or ERROR, not "${application}"`);
  }
  if (!['DEBUG', 'INFO', 'WARN'].includes(system)) throw new Error(`Context systemLogLevel must be DEBUG, INFO or WARN, not "${system}"`);
  return { application: application as ApplicationLogLevel, system: system as SystemLogLevel };
}

/** What Powertools (functions/core/logger.ts, metrics.ts) reads: the service and the metrics' namespace. */
export const OBSERVABILITY_ENVIRONMENT = { POWERTOOLS_SERVICE_NAME: 'cabinet', POWERTOOLS_METRICS_NAMESPACE: 'Cabinet' } as const;

export interface CabinetFunctionProps {
  /** Module path relative to the repository root, e.g. `functions/entries/member-read.ts`. */
  readonly entry: string;
  /** Shown in the console; the API stack says which routes the function serves. */
  readonly description: string;
  readonly environment?: Record<string, string>;
  /** Defaults to 10 s; the route table raises it where a route needs more (deleting an organisation). */
  readonly timeoutSeconds?: number;
  /** Files the function reads at run time (paths from the project root), shipped in files/ beside its bundle. */
  readonly files?: readonly string[];
  /** Concurrency kept for this function alone (context `reservedConcurrency`; none by default). */
  readonly reservedConcurrency?: number;
}

export class CabinetFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CabinetFunctionProps) {
    super(scope, id);

    // An explicit log group gives a retention period (the implicit one keeps logs forever). Logs follow the
    // function's lifecycle: they are operational, and the data they would help recover lives in the table.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy, which may create and write every
    // log group in the account: this role may write to its own log group and nothing else until granted.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    const levels = logLevels(this);
    this.function = new NodejsFunction(this, 'Resource', {
      entry: `${PROJECT_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role: this.role,
      logGroup: this.logGroup,
      // Lambda's JSON log format: the runtime's own lines (START, REPORT, a timeout) are JSON too, and the levels come
      // from configuration (AWS_LAMBDA_LOG_LEVEL, which Powertools' Logger obeys). Our lines are already JSON.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: levels.application,
      systemLogLevelV2: levels.system,
      // The zip carries no source map and --enable-source-maps is not set (Node would parse the map at every cold
      // start, `npm run bench -- --source-maps`). A logged stack is mapped offline with the map from
      // cdk.out/source-maps/<stack>/<function>/ (lib/bundling.ts).
      bundling: cdkBundling(sourceMapDirOf(this), props.files),
      environment: { ...OBSERVABILITY_ENVIRONMENT, ...props.environment },
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
    });
  }

  /**
   * Sets TABLE_NAME and grants exactly the actions of `access` (functions/core/table.ts) on the table, BatchWriteItem
   * too with `batchWrite`, and Query on its named indexes: no Scan, no DescribeTable, no stream action, no `index/*`
   * wildcard. Without `access` only the name is set: shared modules parse TABLE_NAME at cold start (config fails
   * fast), even where nothing reads it.
   */
  useTable(table: ITable, access?: TableAccess, { batchWrite = false }: { batchWrite?: boolean } = {}): this {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    if (access) {
      const actions = [...TABLE_ACTIONS[access], ...(batchWrite ? BATCH_WRITE_ACTIONS : [])];
      this.role.addToPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
      this.role.addToPolicy(
        new PolicyStatement({
          actions: [...INDEX_ACTIONS],
          resources: TABLE_DEFINITION.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
        }),
      );
    }
    return this;
  }

  /** Grants the listed Cognito actions on this one user pool, never on `*`. */
  grantCognito(userPool: IUserPool, actions: readonly CognitoAction[] | undefined): this {
    if (actions && actions.length > 0) {
      this.role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: [userPool.userPoolArn] }));
    }
    return this;
  }

  /**
   * For a function that signs people in through the api app client: it may read that client's secret
   * (DescribeUserPoolClient on this pool; functions/adapters/cognito.ts reads it on its first sign-in). The sign-in
   * calls themselves (InitiateAuth, RespondToAuthChallenge) are authorised by the secret, not by IAM.
   */
  grantSignIn(userPool: IUserPool, signIn: boolean): this {
    if (signIn) {
      this.role.addToPolicy(new PolicyStatement({ actions: ['cognito-idp:DescribeUserPoolClient'], resources: [userPool.userPoolArn] }));
    }
    return this;
  }
}
