// mnist serve: the one way the page talks to the server. A refusal's JSON message becomes the error.

export async function api(path, options) {
  const reply = await fetch(path, options);
  const body = await reply.json();
  if (!reply.ok) {
    throw new Error(body.error || `${reply.status} ${reply.statusText}`);
  }
  return body;
}
