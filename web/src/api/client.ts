// The typed client of /api/v1: fetch with the session cookie, the CSRF header on every
// mutation, one error type carrying the server's {code, rule, field, message}, and a 401
// hook that sends the user back to the login page (forms keep their drafts, lib/draft.ts).

import type { ApiErrorBody } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly rule?: string;
  readonly field?: string;
  // Seconds to wait before asking again (the Retry-After of a 429 or 503), when the server said.
  readonly retryAfter?: number;

  constructor(status: number, body: ApiErrorBody, retryAfter?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.rule = body.rule;
    this.field = body.field;
    this.retryAfter = retryAfter;
  }

  // Vietnamese text for the user. The rule a refusal cites (`rule`) is not part of it: it is
  // shown, where at all, as a citation beside the text (components/RuleCitation.tsx).
  get display(): string {
    return this.message;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: { [key: string]: string | number | boolean | undefined | null };
  body?: unknown;
  // Sent as it is, under its own type (a scanned file), instead of `body` as JSON.
  file?: Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  // Do not call the 401 hook (the login request itself, the first /auth/me).
  quietUnauthorised?: boolean;
  // Error statuses whose JSON body is an answer rather than an error (the 422 of POST /imports
  // carries the report of every row): returned as `data` with their `status`, unless the body
  // is the usual {error} one, which is raised as an ApiError as for any other status.
  answerStatuses?: number[];
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

let csrfToken = '';
let onUnauthorised: (() => void) | null = null;
let fetchImpl: typeof fetch = (...args) => fetch(...args);

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function csrf(): string {
  return csrfToken;
}

export function setUnauthorisedHandler(handler: (() => void) | null): void {
  onUnauthorised = handler;
}

// Tests substitute fetch.
export function setFetch(impl: typeof fetch): void {
  fetchImpl = impl;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const base = path.startsWith('/api/') ? path : `/api/v1${path}`;
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

const kNetworkMessage =
  'Không kết nối được với máy chủ. Dữ liệu bạn đã nhập vẫn được giữ lại; vui lòng thử lại.';

function statusMessage(status: number): ApiErrorBody {
  switch (status) {
    case 401: return { code: 'unauthenticated', message: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại' };
    case 403: return { code: 'forbidden', message: 'Bạn không có quyền xem hoặc thực hiện thao tác này' };
    case 404: return { code: 'not_found', message: 'Không tìm thấy' };
    case 409: return { code: 'conflict', message: 'Dữ liệu đã được người khác thay đổi, vui lòng tải lại' };
    case 429: return { code: 'too_many_requests', message: 'Thử quá nhiều lần, vui lòng đợi rồi thử lại' };
    default: return { code: 'internal', message: `Máy chủ gặp lỗi (${status}), vui lòng thử lại sau` };
  }
}

export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | Blob | undefined;
  if (options.file !== undefined) {
    headers['Content-Type'] = options.file.type || 'application/octet-stream';
    body = options.file;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetchImpl(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network', message: kNetworkMessage });
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { data: undefined as T, etag, status: 204 };
  let parsed: unknown = undefined;
  const text = await response.text();
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  const answered = options.answerStatuses?.includes(response.status) === true && parsed !== null &&
    typeof parsed === 'object' && !('error' in parsed);
  if (!response.ok && !answered) {
    const errorBody = (parsed as { error?: ApiErrorBody } | undefined)?.error;
    const retryAfter = Number(response.headers.get('Retry-After') ?? '');
    const error = new ApiError(response.status, errorBody ?? statusMessage(response.status),
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    if (response.status === 401 && !options.quietUnauthorised && onUnauthorised) onUnauthorised();
    throw error;
  }
  return { data: parsed as T, etag, status: response.status };
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options).then((r) => r.data),
  getWithEtag: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }).then((r) => r.data),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }).then((r) => r.data),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }).then((r) => r.data),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options).then((r) => r.data),
  upload: <T>(path: string, file: Blob, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, file }).then((r) => r.data),
};

// Maps a server error onto a form field: `error.field` names the event body's field
// ("vote.in_favour", "documents", "date"); returns the form's field path or null.
export function fieldOf(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  return error.field.split('.');
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// An /api path the router does not know (a route another branch is still building) answers
// 404 "Không tìm thấy địa chỉ này" (src/http/server.cc); pages then fall back or say "chưa có".
export const kUnknownRouteMessage = 'Không tìm thấy địa chỉ này';

export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 405 ||
    (error.status === 404 && error.message === kUnknownRouteMessage));
}
