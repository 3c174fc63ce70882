// CabinetApi: the stateless half. One HTTP API route per route-table entry (functions/routes.ts), integrated with the
// function the entry names: one Lambda per privilege class, each with the union of its routes' access and nothing
// more (docs/adr/0005-routes-to-functions.md).
import { CfnOutput, Duration, Lazy, RemovalPolicy, Stack, type StackProps, Token } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  type CorsPreflightOptions,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type DialectName, parseDialects } from '#dialects';
import { accessOf, entryOf, type FunctionName, fallbackFunction, functionNames, type RouteDef, servedRouteList } from '#routes';
import { CabinetFunction } from './cabinet-function.ts';
import { contextList } from './context.ts';
import { CabinetMail, type CabinetMailIdentity } from './mail.ts';
import { CabinetOperations } from './operations.ts';
import { functionSettings } from './settings.ts';
import { throttleNameOf, throttleSettings } from './throttling.ts';
import { addWebClient, docsRedirectUrl, type WebClient } from './web-client.ts';
import { CabinetWebhooks, WEBHOOK_ENVIRONMENT } from './webhooks.ts';

export interface ApiStackProps extends StackProps {
  readonly table: ITable;
  readonly userPool: IUserPool;
  readonly apiClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** CabinetData's e-mail settings, SES identity and configuration set (lib/mail.ts). */
  readonly mail: CabinetMailIdentity;
  /** The pre-token-generation trigger (CabinetData): its errors and duration are alarmed here. */
  readonly preTokenFunction: IFunction;
  /** The routes to serve; the route table's by default (the infra tests add routes to measure what one costs). */
  readonly routes?: readonly (RouteDef & { name: string })[];
  /** The web console's distribution, when one is deployed (lib/console.ts). */
  readonly console?: { origin: string; callbackUrl: string; signOutUrl: string };
}

/**
 * `reservedConcurrency` (a JSON object of function names to counts, e.g. `{"sessions":100}`): concurrency kept for a
 * function alone, so that a flood on other routes cannot take the sign-in function's share of the account's
 * concurrency (docs/throttling.md). Lambda keeps at least 100 unreserved, so a new account (10) cannot reserve any.
 */
function reservedConcurrency(scope: Construct): Partial<Record<FunctionName, number>> {
  let value: unknown = scope.node.tryGetContext('reservedConcurrency');
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new Error(`Context reservedConcurrency must be a JSON object, not ${value}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('Context reservedConcurrency must be a JSON object');
  for (const [name, count] of Object.entries(value)) {
    if (!(functionNames as readonly string[]).includes(name)) {
      throw new Error(`Context reservedConcurrency: ${name} is not a function; the functions are ${functionNames.join(', ')}`);
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new Error(`Context reservedConcurrency.${name} must be a positive integer, not ${JSON.stringify(count)}`);
    }
  }
  return value as Partial<Record<FunctionName, number>>;
}

const pascal = (name: string): string => name.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase());

/** Construct id of a function, e.g. `member-read` → `MemberReadFunction`. */
export const functionId = (name: FunctionName): string => `${pascal(name)}Function`;

/** A function's description (shown in the console): which routes it serves. */
export const functionDescription = (name: FunctionName): string =>
  `Cabinet ${name}: the routes functions/routes.ts assigns to '${name}'${name === fallbackFunction ? ', and $default (404/405)' : ''}`;

/**
 * Construct id of a route, e.g. `registerCabinet` → `RegisterCabinetFunctionRoute`: the id each route had when every
 * route had its own function. Keeping it keeps the route's logical id, so CloudFormation updates the route in place
 * when its integration changes; a replacement would be created before the old route is deleted, and API Gateway
 * refuses a second route with the same route key.
 */
const routeId = (routeName: string): string => `${pascal(routeName)}FunctionRoute`;

/** `-c dialects=…`: a list of dialect names (a string or, in cdk.json, an array), or `none`; absent, every dialect. */
function dialectsOf(scope: Construct): DialectName[] {
  const value: unknown = scope.node.tryGetContext('dialects');
  const raw = value === undefined || value === null ? undefined : Array.isArray(value) ? value.map(String).join(',') : String(value);
  if (raw !== undefined && raw.trim() === '') throw new Error('Context dialects is empty: name the dialects, or none');
  return parseDialects(raw);
}

export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly webClient: UserPoolClient;
  readonly mail: CabinetMail;
  readonly webhooks: CabinetWebhooks;
  readonly operations: CabinetOperations;
  /** The dialects this deployment serves (docs/dialects.md): `-c dialects=org-code,clinic`, `none`; all by default. */
  readonly dialects: DialectName[];

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { table, userPool, apiClient, domain } = props;
    this.dialects = dialectsOf(this);

    // There is deliberately no API Gateway authorizer. Each 'member' function verifies the ID token itself
    // (aws-jwt-verify: signature, issuer, audience, token_use 'id', expiry) and then checks a live ACTIVE
    // membership in DynamoDB. A JWT authorizer would answer 401 with its own body instead of problem+json and
    // check neither token_use nor membership; a Lambda authorizer would add a hop and cache its decisions.
    // A Cognito user without an account is an orphan once older than any function that could still be creating it:
    // the longest timeout of the functions that create accounts, plus a margin for clock skew (use-cases/orphans.ts).
    const creatorTimeouts = functionNames
      .filter((name) => accessOf(name).cognito.includes('cognito-idp:AdminCreateUser'))
      .map((name) => accessOf(name).timeoutSeconds ?? 10);
    const orphanMinAgeSeconds = Math.max(...creatorTimeouts) + 5;
    let webClient: WebClient | undefined;
    const webClientId = Lazy.string({
      produce: () => {
        if (!webClient) throw new Error('The web client was not created');
        return webClient.client.userPoolClientId;
      },
    });
    const environment = {
      ORPHAN_MIN_AGE_SECONDS: String(orphanMinAgeSeconds),
      // The functions drop the routes of a dialect turned off (functions/http/router.ts), as API Gateway does.
      DIALECTS: this.dialects.length > 0 ? this.dialects.join(',') : 'none',
      USER_POOL_ID: userPool.userPoolId,
      USER_POOL_CLIENT_ID: apiClient.userPoolClientId,
      // The web client is created below, once the API (whose docs page it returns to) exists: its id is read lazily.
      TOKEN_AUDIENCES: `${apiClient.userPoolClientId},${webClientId}`,
      TOKEN_ISSUER: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${userPool.userPoolId}`,
      // The docs page's Authorize: hosted login (code + PKCE) with the web client (functions/core/docs-config.ts).
      HOSTED_LOGIN_URL: domain.baseUrl(),
      WEB_CLIENT_ID: webClientId,
      // The operator's abuse limits and plans, when the context sets them (lib/settings.ts).
      ...functionSettings(this),
    };
    // E-mail (lib/mail.ts): every function gets the mail settings (shared use-case modules read them at cold start),
    // only the functions whose routes send get ses:SendEmail, and none while mail is held.
    this.mail = new CabinetMail(this, 'Mail', {
      settings: props.mail.settings,
      ...(props.mail.configurationSetName ? { configurationSetName: props.mail.configurationSetName } : {}),
      table,
    });
    const routes = props.routes ?? servedRouteList(this.dialects);
    // One function per privilege class, one integration per function: every route of a class shares them. The
    // integration's invoke permission covers the whole API (scopePermissionToRoute: false) rather than one
    // permission per route, which keeps CabinetApi's resources per route at one (test/infra/resource-budget.test.ts).
    const reserved = reservedConcurrency(this);
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    // Webhooks (lib/webhooks.ts): the stream's fan-out and the retry sweeper. Not in the all-functions alarms (an
    // alarm's math expression holds at most 10 metrics, which the API's functions and jobs already use): they have
    // alarms of their own (lib/operations.ts).
    this.webhooks = new CabinetWebhooks(this, 'Webhooks', { table, environment: { ...environment, ...this.mail.environment } });
    const functions = new Map<string, IFunction>([['mail-sweeper', this.mail.sweeper.function]]);
    for (const name of functionNames) {
      const access = accessOf(name);
      const fn = new CabinetFunction(this, functionId(name), {
        entry: `functions/${entryOf(name)}.ts`,
        description: functionDescription(name),
        environment: { ...environment, ...this.mail.environment, ...WEBHOOK_ENVIRONMENT },
        ...(access.timeoutSeconds ? { timeoutSeconds: access.timeoutSeconds } : {}),
        ...(access.files.length > 0 ? { files: access.files } : {}),
        ...(reserved[name] ? { reservedConcurrency: reserved[name] } : {}),
      })
        .useTable(table, access.table, { batchWrite: access.batchWrite })
        .grantCognito(userPool, access.cognito)
        .grantSignIn(userPool, access.signIn);
      if (access.email) this.mail.grantSend(fn);
      functions.set(name, fn.function);
      integrations.set(name, new HttpLambdaIntegration(`${functionId(name)}Integration`, fn.function, { scopePermissionToRoute: false }));
    }
    const integrationOf = (name: FunctionName): HttpLambdaIntegration => {
      const integration = integrations.get(name);
      if (!integration) throw new Error(`No function ${name}`);
      return integration;
    };

    // The web console's distribution (lib/console.ts, its own stack): CORS and the web client name its origin.
    const webConsole = props.console;
    const corsOrigins = [...contextList(this, 'corsOrigins', []), ...(webConsole ? [webConsole.origin] : [])];
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'cabinet',
      description: 'Cabinet API (routes from functions/routes.ts)',
      // The stage is created below with access logs and throttling, which the implicit default stage lacks.
      createDefaultStage: false,
      // $default catches every request no route matches: the system function answers it 404/405 problem+json.
      defaultIntegration: integrationOf(fallbackFunction),
      ...(corsOrigins.length > 0 ? { corsPreflight: corsPreflight(corsOrigins, routes) } : {}),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttles = throttleSettings(this);
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Every route its own bucket of the default size; the public routes' own below (lib/throttling.ts).
      throttle: throttles.default,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // JSON lines for Logs Insights. No headers or bodies: they could carry tokens or patient data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // Route throttles are stage settings keyed by route key: API Gateway refuses one for a route that does not exist
    // yet, so the stage waits for the routes it throttles. Properties and dependencies, no resource per route.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of routes) {
      const routeKey = `${route.method} ${route.path}`;
      const apiRoute = new HttpRoute(this, routeId(route.name), {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationOf(route.function),
      });
      const throttle = throttleNameOf(route);
      if (throttle === 'default') continue;
      routeSettings[routeKey] = {
        ThrottlingRateLimit: throttles[throttle].rateLimit,
        ThrottlingBurstLimit: throttles[throttle].burstLimit,
      };
      cfnStage.node.addDependency(apiRoute);
    }
    cfnStage.routeSettings = routeSettings;

    this.operations = new CabinetOperations(this, 'Operations', {
      httpApi: this.httpApi,
      table,
      userPool,
      functions,
      preTokenFunction: props.preTokenFunction,
      webhooks: { fanOut: this.webhooks.fanOut.function, sweeper: this.webhooks.sweeper.function },
      orphanMinAgeSeconds,
      environment: { ...environment, ...this.mail.environment },
    });

    // Hosted login (lib/web-client.ts): its URLs default to this API's docs page.
    webClient = addWebClient(this, userPool, this.httpApi.apiEndpoint, webConsole);
    this.webClient = webClient.client;
    // The sign-in URL returns to the web app's first callback URL, else to the docs page. The redirect URI is a query
    // parameter value, so it is encoded; the docs page's address is a token (the API's endpoint), encoded piece by piece.
    const appRedirect = webClient.callbackUrls.find((url) => !Token.isUnresolved(url));
    const encodedRedirect = appRedirect
      ? encodeURIComponent(appRedirect)
      : `https%3A%2F%2F${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}${encodeURIComponent('/api/docs/oauth2-redirect.html')}`;
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: apiClient.userPoolClientId, description: 'The api app client' });
    new CfnOutput(this, 'HostedLoginUrl', {
      // signInUrl concatenates as-is.
      value: domain.signInUrl(webClient.client, { redirectUri: encodedRedirect }),
      description: 'Hosted login (authorization code flow) for the web app client',
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'WebClientId', { value: webClient.client.userPoolClientId, description: 'The web app client (hosted login)' });
    new CfnOutput(this, 'DocsOAuthRedirectUrl', {
      value: docsRedirectUrl(this.httpApi.apiEndpoint),
      description: "The docs page's OAuth 2 redirect: always one of the web client's callback URLs (Authorize → hostedLogin)",
    });
  }
}

function corsPreflight(allowOrigins: string[], routes: readonly RouteDef[]): CorsPreflightOptions {
  const methods = new Set(routes.map((route) => CorsHttpMethod[route.method]));
  return {
    allowOrigins,
    allowMethods: [...methods, CorsHttpMethod.OPTIONS],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: Duration.hours(1),
  };
}
