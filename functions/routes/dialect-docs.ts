// Every dialect's OpenAPI document and docs page (docs/migrating.md), served by the system function: kept apart from
// the dialects' own routes, whose use cases the system function must not load.

import { serveDialectOpenApi } from '#docs/openapi';
import { dialectDocsPage } from '#docs/page';
import { route } from '#http/route';
import { documentBody, openApiDocumentResponse } from '#schemas/system';

export const orgManagementOpenapi = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'GET',
  path: '/compat/org-management/openapi.json',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's OpenAPI 3.1 document (a migration surface)",
  access: {},
  responses: { 200: { description: 'OpenAPI document', schema: openApiDocumentResponse } },
  handle: serveDialectOpenApi('org-management'),
});

export const orgManagementDocs = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'GET',
  path: '/compat/org-management/docs',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's interactive documentation",
  access: {},
  responses: {
    200: {
      description: 'The docs page',
      schema: documentBody,
      contentType: 'text/html',
      headers: ['Content-Security-Policy', 'Referrer-Policy'],
    },
  },
  handle: dialectDocsPage('/compat/org-management/openapi.json', 'Cabinet: seed 004 dialect (organisation management)'),
});

export const orgCodeOpenapi = /* @__PURE__ */ route({
  dialect: 'org-code',
  method: 'GET',
  path: '/compat/org-code/openapi.json',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's OpenAPI 3.1 document (a migration surface)",
  access: {},
  responses: { 200: { description: 'OpenAPI document', schema: openApiDocumentResponse } },
  handle: serveDialectOpenApi('org-code'),
});

export const orgCodeDocs = /* @__PURE__ */ route({
  dialect: 'org-code',
  method: 'GET',
  path: '/compat/org-code/docs',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's interactive documentation",
  access: {},
  responses: {
    200: {
      description: 'The docs page',
      schema: documentBody,
      contentType: 'text/html',
      headers: ['Content-Security-Policy', 'Referrer-Policy'],
    },
  },
  handle: dialectDocsPage('/compat/org-code/openapi.json', 'Cabinet: seed 001 dialect (organisation code)'),
});

export const clinicOpenapi = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'GET',
  path: '/compat/clinic/openapi.json',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's OpenAPI 3.1 document (a migration surface)",
  access: {},
  responses: { 200: { description: 'OpenAPI document', schema: openApiDocumentResponse } },
  handle: serveDialectOpenApi('clinic'),
});

export const clinicDocs = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'GET',
  path: '/compat/clinic/docs',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's interactive documentation",
  access: {},
  responses: {
    200: {
      description: 'The docs page',
      schema: documentBody,
      contentType: 'text/html',
      headers: ['Content-Security-Policy', 'Referrer-Policy'],
    },
  },
  handle: dialectDocsPage('/compat/clinic/openapi.json', 'Cabinet: seed 003 dialect (clinic creation)'),
});

export const dualModeOpenapi = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'GET',
  path: '/compat/dual-mode/openapi.json',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's OpenAPI 3.1 document (a migration surface)",
  access: {},
  responses: { 200: { description: 'OpenAPI document', schema: openApiDocumentResponse } },
  handle: serveDialectOpenApi('dual-mode'),
});

export const dualModeSwagger = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'GET',
  path: '/compat/dual-mode/docs/swagger.json',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's OpenAPI 3.1 document where the seed serves it (the same as openapi.json)",
  access: {},
  responses: { 200: { description: 'OpenAPI document', schema: openApiDocumentResponse } },
  handle: serveDialectOpenApi('dual-mode'),
});

export const dualModeDocs = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'GET',
  path: '/compat/dual-mode/docs',
  function: 'system',
  auth: 'public',
  tag: 'Docs',
  summary: "This dialect's interactive documentation",
  access: {},
  responses: {
    200: {
      description: 'The docs page',
      schema: documentBody,
      contentType: 'text/html',
      headers: ['Content-Security-Policy', 'Referrer-Policy'],
    },
  },
  handle: dialectDocsPage('/compat/dual-mode/openapi.json', 'Cabinet: seed 002 dialect (dual-mode registration)'),
});
