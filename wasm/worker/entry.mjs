// The Worker's entry (wrangler.toml `main`): the glue that `make worker`
// generates into build/ (github.com/syumai/workers), behind the two answers
// the Go handler cannot give, both JSON with CORS like every other answer of
// package api.
import glue from "../../build/worker.mjs";

const headers = {
  "Access-Control-Allow-Origin": "*",
  "Content-Type": "application/json; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
};

function fail(status, code, message) {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers });
}

// The glue parses the request URL with Go's url.Parse, which refuses a "%"
// not followed by two hex digits (the WHATWG URL parser lets it through);
// the glue then rejects its promise and workerd answers 500 with the stack.
const badEscape = /%(?![0-9A-Fa-f]{2})/;

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (badEscape.test(pathname)) {
      return fail(400, "invalid_path", `the path ${JSON.stringify(pathname)} has a "%" that is not followed by two hex digits; write a literal "%" as %25`);
    }
    try {
      return await glue.fetch(request, env, ctx);
    } catch {
      // Anything else the glue rejects: no stack trace or file paths to the client.
      return fail(500, "internal", "internal error");
    }
  },
};
