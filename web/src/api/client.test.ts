import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, buildUrl, fieldOf, isMissingRoute, request, setCsrfToken, setFetch, setUnauthorisedHandler } from './client';

function respond(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));
}

afterEach(() => {
  setCsrfToken('');
  setUnauthorisedHandler(null);
});

describe('api client', () => {
  it('builds /api/v1 URLs and drops empty query values', () => {
    expect(buildUrl('/cases', { org: 'HUE-TAYLOC', stage: '', q: 'nguyen van duc', page: 2, due: undefined }))
      .toBe('/api/v1/cases?org=HUE-TAYLOC&q=nguyen+van+duc&page=2');
    expect(buildUrl('/api/v1/auth/me')).toBe('/api/v1/auth/me');
  });

  it('sends the CSRF token on mutations only', async () => {
    const fetch = respond(200, { ok: true });
    setFetch(fetch as unknown as typeof globalThis.fetch);
    setCsrfToken('tok123');
    await api.get('/cases/1');
    await api.post('/cases/1/events', { action: 'cell_vote' }, { headers: { 'If-Match': '"3"' } });
    const getHeaders = fetch.mock.calls[0][1]!.headers as Record<string, string>;
    const postHeaders = fetch.mock.calls[1][1]!.headers as Record<string, string>;
    expect(getHeaders['X-CSRF-Token']).toBeUndefined();
    expect(postHeaders['X-CSRF-Token']).toBe('tok123');
    expect(postHeaders['If-Match']).toBe('"3"');
    expect(postHeaders['Content-Type']).toBe('application/json');
    expect(fetch.mock.calls[1][1]!.body).toBe('{"action":"cell_vote"}');
    expect(fetch.mock.calls[1][1]!.credentials).toBe('same-origin');
  });

  it('maps the server error body, rule and field', async () => {
    setFetch(respond(422, { error: { code: 'rule_violation', rule: 'S9', field: 'vote.in_favour', message: 'Chưa đủ 2/3' } }) as unknown as typeof fetch);
    const error = (await api.post('/cases/1/events', {}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.rule).toBe('S9');
    expect(fieldOf(error)).toEqual(['vote', 'in_favour']);
    expect(error.display).toBe('Chưa đủ 2/3');
    expect(error.rule).toBe('S9');
  });

  it('calls the 401 handler unless told to stay quiet', async () => {
    setFetch(respond(401, { error: { code: 'unauthenticated', message: 'Phiên đã hết hạn' } }) as unknown as typeof fetch);
    const handler = vi.fn();
    setUnauthorisedHandler(handler);
    await api.get('/deadlines').catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
    await api.get('/auth/me', { quietUnauthorised: true }).catch(() => undefined);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('gives a Vietnamese message when the body is not JSON or the network fails', async () => {
    setFetch(vi.fn(async () => new Response('oops', { status: 502 })) as unknown as typeof fetch);
    const e1 = (await api.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(e1.message).toMatch(/Máy chủ gặp lỗi \(502\)/);
    setFetch(vi.fn(async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch);
    const e2 = (await api.get('/x').catch((e: unknown) => e)) as ApiError;
    expect(e2.code).toBe('network');
    expect(e2.message).toMatch(/vẫn được giữ lại/);
  });

  it('tells a route the server does not have yet from a missing record', async () => {
    expect(isMissingRoute(new ApiError(404, { code: 'not_found', message: 'Không tìm thấy địa chỉ này' }))).toBe(true);
    expect(isMissingRoute(new ApiError(404, { code: 'not_found', message: 'Không tìm thấy hồ sơ 9' }))).toBe(false);
  });

  it('returns the ETag with the data', async () => {
    setFetch(respond(200, { case: { id: 1 } }, { ETag: '"7"' }) as unknown as typeof fetch);
    const r = await api.getWithEtag<{ case: { id: number } }>('/cases/1');
    expect(r.etag).toBe('"7"');
    expect(r.data.case.id).toBe(1);
  });

  it('returns the body of a status named an answer, and still raises the usual error body', async () => {
    const report = { kind: 'members', rows: 2, errors: [{ row: 3, message: 'Chưa đủ 18 tuổi' }] };
    setFetch(respond(422, report) as unknown as typeof fetch);
    const r = await request<typeof report>('POST', '/imports', { body: {}, answerStatuses: [422] });
    expect(r.status).toBe(422);
    expect(r.data).toEqual(report);
    // Without the option a 422 is an error, as before.
    expect(await api.post('/imports', {}).catch((e: unknown) => e)).toBeInstanceOf(ApiError);
    // An {error} body under an answered status, and any other status, stay errors.
    setFetch(respond(422, { error: { code: 'rule_violation', message: 'Không được' } }) as unknown as typeof fetch);
    const e1 = (await request('POST', '/imports', { answerStatuses: [422] }).catch((e: unknown) => e)) as ApiError;
    expect(e1).toBeInstanceOf(ApiError);
    expect(e1.message).toBe('Không được');
    setFetch(respond(400, { error: { code: 'bad_request', message: 'Quá nhiều dòng' } }) as unknown as typeof fetch);
    const e2 = (await request('POST', '/imports', { answerStatuses: [422] }).catch((e: unknown) => e)) as ApiError;
    expect(e2.status).toBe(400);
    setFetch(vi.fn(async () => new Response('oops', { status: 422 })) as unknown as typeof fetch);
    const e3 = (await request('POST', '/imports', { answerStatuses: [422] }).catch((e: unknown) => e)) as ApiError;
    expect(e3).toBeInstanceOf(ApiError);
  });

  it('keeps the seconds of Retry-After with the error', async () => {
    setFetch(respond(429, { error: { code: 'too_many_requests', message: 'Thử lại sau' } }, { 'Retry-After': '42' }) as unknown as typeof fetch);
    const error = (await api.get('/candidate-view/x').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(42);
    setFetch(respond(404, { error: { code: 'not_found', message: 'Không tìm thấy' } }) as unknown as typeof fetch);
    expect(((await api.get('/candidate-view/x').catch((e: unknown) => e)) as ApiError).retryAfter).toBeUndefined();
  });
});
