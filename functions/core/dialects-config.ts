// Which dialects this deployment serves (docs/dialects.md): DIALECTS, a comma-separated list of names or `none`, set
// by CDK from `-c dialects=…` and locally by `npm start -- --dialects=…`. Unset means every dialect, the default.
// functions/dialects.ts parses it (an unknown name stops the cold start).
export const DIALECTS_SETTING: string | undefined = process.env.DIALECTS;
