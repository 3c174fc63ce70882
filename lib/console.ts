// The web console deployed (docs/console.md): the built files in a private S3 bucket, served under /console/ by
// CloudFront over HTTPS only, through origin access control (no public bucket, no website endpoint), with the same
// Content-Security-Policy as `npm start` (console/csp.ts). The console's settings (config.json) name this stack's API,
// hosted login and web client; the web client's callback and sign-out URLs and the API's CORS origins include the
// distribution's origin (lib/api-stack.ts). On by default; `-c console=false` leaves it out.
//
// The CSP names the API's origin, and the API's CORS names the distribution's: written into the distribution, that
// is a CloudFormation cycle. So the distribution holds nothing of the API: each uploaded object carries the CSP as
// its `x-amz-meta-csp` metadata (the deployment runs after both exist), and a viewer-response CloudFront Function
// turns it into the Content-Security-Policy header. Every other security header is a response-headers policy.
import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { buildConsoleInto } from '../console/build.ts';
import { type ConsoleConfig, consoleCsp } from '../console/csp.ts';
import { contextString } from './context.ts';

/** `-c console=false` deploys no console; anything else (or nothing) deploys it. */
export const consoleEnabled = (scope: Construct): boolean => contextString(scope, 'console') !== 'false';

/** Answers the CSP the object was uploaded with (x-amz-meta-csp) as the Content-Security-Policy header. */
const CSP_FROM_METADATA = `function handler(event) {
  var headers = event.response.headers;
  var csp = headers['x-amz-meta-csp'];
  if (csp) {
    headers['content-security-policy'] = { value: csp.value };
    delete headers['x-amz-meta-csp'];
  }
  return event.response;
}`;

/** The console's page paths answer index.html (the application routes them); /, /console go to /console/. */
const ROUTER = `function handler(event) {
  var uri = event.request.uri;
  if (uri === '/' || uri === '/console') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/console/' } } };
  }
  if (uri.indexOf('/console/') === 0 && uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    event.request.uri = '/console/index.html';
  }
  return event.request;
}`;

/** CabinetConsole: the bucket and the distribution, which the API stack's CORS and web client name. */
export class ConsoleStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution>/console/ */
  readonly url: string;
  /** Where the hosted login returns to, and where signing out lands. */
  readonly callbackUrl: string;
  readonly signOutUrl: string;
  readonly origin: string;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    // Build output only: replacing or deleting the bucket loses nothing a deploy does not put back.
    this.bucket = new Bucket(this, 'Files', {
      bucketName: consoleBucketName(this),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Cabinet console: security headers (the CSP comes with each object, see lib/console.ts)',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Cabinet web console',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'Router', { code: FunctionCode.fromInline(ROUTER), runtime: FunctionRuntime.JS_2_0 }),
          },
          {
            eventType: FunctionEventType.VIEWER_RESPONSE,
            function: new CloudFrontFunction(this, 'Csp', {
              code: FunctionCode.fromInline(CSP_FROM_METADATA),
              runtime: FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/console/`;
    this.callbackUrl = `${this.origin}/console/callback`;
    this.signOutUrl = this.url;
    new CfnOutput(this, 'ConsoleUrl', { value: this.url, description: 'The web console (docs/console.md)' });
  }
}

/**
 * CabinetConsoleFiles: the build and its settings uploaded (CDK's BucketDeployment), once the API stack, whose
 * endpoint and web client they name, exists. Its own stack, so the upload function CDK adds sits apart from the
 * API's functions.
 */
export class ConsoleFilesStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { site: ConsoleStack; config: ConsoleConfig }) {
    super(scope, id, props);
    deployConsole(this, props.site, props.config);
  }
}

/** The console bucket's name: the site stack's, in its account and region (one per deployment). */
const consoleBucketName = (site: Stack): string => `${site.stackName.toLowerCase()}-${site.account}-${site.region}`;

const consoleSourceDir = new URL('../console/', import.meta.url).pathname;

// Local bundling always succeeds, so this image is never pulled (CDK asks for one all the same).
const dockerless = DockerImage.fromRegistry('scratch');

/**
 * Uploads the build and its settings, each object with the CSP naming `config`'s API and hosted login (called
 * once the web client, which needs this distribution's URLs, exists).
 */
function deployConsole(scope: Construct, site: ConsoleStack, config: ConsoleConfig): void {
  // By its name (same account and region), not by a cross-stack reference: the upload's policy then names the bucket
  // itself, which its cdk-nag acknowledgement can name too (lib/nag.ts).
  const bucket = Bucket.fromBucketName(scope, 'Site', consoleBucketName(site));
  const csp = consoleCsp({ apiOrigin: config.apiUrl, hostedLoginOrigin: config.hostedLoginUrl });
  new BucketDeployment(scope, 'Deploy', {
    destinationBucket: bucket,
    destinationKeyPrefix: 'console/',
    sources: [
      // Built at synth with esbuild (no Docker), like the functions.
      Source.asset(consoleSourceDir, {
        exclude: ['dist', 'dist/**'],
        bundling: {
          image: dockerless,
          local: {
            tryBundle(outputDir: string) {
              buildConsoleInto(outputDir);
              return true;
            },
          },
        },
      }),
      Source.jsonData('config.json', config),
    ],
    distribution: site.distribution,
    metadata: { csp },
    distributionPaths: ['/console/*'],
    memoryLimit: 256,
  });
}
