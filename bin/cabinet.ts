// The CDK app entry point (cdk.json runs it with tsx): CabinetData, then CabinetApi, checked by cdk-nag.
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app.ts';

buildApp(new App());
