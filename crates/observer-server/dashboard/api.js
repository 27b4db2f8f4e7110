// Calls to the Observer API. Errors come back as {error: {status, message}}; they are thrown as
// ApiError with that message, so every panel can show what went wrong.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GETs `path` with the non-empty `params` as its query string; resolves to the parsed JSON. */
export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new ApiError(0, `the server cannot be reached (${error.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status says enough.
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message
      ? body.error.message
      : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body;
}
