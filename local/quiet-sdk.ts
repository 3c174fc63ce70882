// Imported first by the local entry points: the SDK's "Node 22 will be required" notice is noise on a laptop
// (Lambda itself runs nodejs22.x).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
