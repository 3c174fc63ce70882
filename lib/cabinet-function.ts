// The one Lambda construct every Cabinet function uses: runtime, architecture, bundling, logs and least-privilege grants.
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { CognitoAction } from '#routes';
import { bundlingWithFiles, cdkBundling } from './bundling.ts';

export type TableAccess = 'read' | 'readWrite';

/** The repository root: entries, package-lock.json and tsconfig.json are resolved from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CabinetFunctionProps {
  /** Module path relative to the repository root, e.g. `functions/handlers/auth/login.ts`. */
  readonly entry: string;
  /** Shown in the console; the API stack puts the route key here so a function is easy to find. */
  readonly description: string;
  readonly environment?: Record<string, string>;
  /** Defaults to 10 s; the route table raises it where a route needs more (deleting an organisation). */
  readonly timeoutSeconds?: number;
  /** Files the function reads at run time (paths from the project root), shipped in files/ beside its bundle. */
  readonly files?: readonly string[];
}

export class CabinetFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  private grantedTable?: { readonly table: ITable; readonly access: TableAccess };

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

    this.function = new NodejsFunction(this, 'Resource', {
      entry: `${PROJECT_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role: this.role,
      logGroup: this.logGroup,
      bundling: props.files?.length ? bundlingWithFiles(props.files) : cdkBundling,
      // The bundle ships its source map, but --enable-source-maps is not set: Node would parse the map at every
      // cold start (about 25 ms here, `npm run bench -- --source-maps`). Set NODE_OPTIONS=--enable-source-maps on a
      // function while debugging it, or map a logged stack offline with the .map from cdk.out.
      environment: { ...props.environment },
    });
  }

  /**
   * Sets TABLE_NAME and grants exactly `access` in one call. Without `access` only the name is set: shared
   * modules parse TABLE_NAME at cold start (config fails fast), even in functions that never touch the table.
   */
  useTable(table: ITable, access?: TableAccess): this {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    if (access === 'read') table.grantReadData(this.function);
    if (access === 'readWrite') table.grantReadWriteData(this.function);
    if (access) this.grantedTable = { table, access };
    return this;
  }

  /** The table this function may access, if any (cdk-nag acknowledges the GSI wildcard only where it exists). */
  get tableGrant(): { readonly table: ITable; readonly access: TableAccess } | undefined {
    return this.grantedTable;
  }

  /** Grants the listed Cognito actions on this one user pool, never on `*`. */
  grantCognito(userPool: IUserPool, actions: readonly CognitoAction[] | undefined): this {
    if (actions && actions.length > 0) {
      this.function.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [userPool.userPoolArn] }));
    }
    return this;
  }
}
