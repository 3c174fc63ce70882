// Typed HTTP errors: the one error middleware turns these into RFC 9457 problem+json.

export interface FieldError {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends HttpError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super(400, 'validation-error', 'Invalid request', detail, { errors });
  }
}

export class BadRequestError extends HttpError {
  constructor(detail: string, code = 'bad-request') {
    super(400, code, 'Bad request', detail);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(detail = 'A valid bearer token is required.') {
    super(401, 'unauthorized', 'Unauthorized', detail, {
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
}

export class ForbiddenError extends HttpError {
  constructor(detail = 'You do not have permission to perform this action.') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class NotFoundError extends HttpError {
  constructor(detail = 'The requested resource was not found.') {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class MethodNotAllowedError extends HttpError {
  constructor(allowed: string[]) {
    super(405, 'method-not-allowed', 'Method not allowed', `Allowed methods: ${allowed.join(', ')}.`, {
      headers: { allow: allowed.join(', ') },
    });
  }
}

export class ConflictError extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(409, 'conflict', 'Conflict', detail, errors ? { errors } : {});
  }
}

export class GoneError extends HttpError {
  constructor(detail: string) {
    super(410, 'gone', 'Gone', detail);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(413, 'payload-too-large', 'Payload too large', `The request body must not exceed ${limitBytes} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor() {
    super(415, 'unsupported-media-type', 'Unsupported media type', 'The request body must be application/json.');
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(429, 'too-many-requests', 'Too many requests', 'Too many attempts; try again later.', {
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}
