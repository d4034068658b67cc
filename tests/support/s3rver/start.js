#!/usr/bin/env node
// Starts @20minutes/s3rver (an S3-compatible server that checks SigV4 signatures) on loopback,
// for sparkify's integration tests. Run it with `node --openssl-legacy-provider start.js ...`
// (its continuation tokens use DES; without the flag paginated listings answer 500).
//
// Options:
//   --port N            port to listen on; 0 (the default) lets the kernel pick a free one
//   --address A         address to listen on (default 127.0.0.1)
//   --directory D       where the server keeps buckets and objects (required)
//   --bucket NAME       a bucket to create at start-up (repeatable)
//   --port-file F       write the port actually bound to F once the server is ready
//   --parent-pid P      exit when process P is gone (so a crashed test leaves no server behind)
//   --silent            no request log
// Environment:
//   S3RVER_ACCESS_KEY_ID / S3RVER_SECRET_ACCESS_KEY   an extra key pair the server accepts
//                                                     (the built-in one is S3RVER / S3RVER)
//
// Fault injection, for retry tests: requests to /__sparkify/faults on the same port are not S3.
//   POST /__sparkify/faults?count=N[&status=503][&code=SlowDown][&method=GET][&mode=reset]
//        the next N matching S3 requests are answered with that error (or, with mode=reset,
//        their connection is dropped) instead of being served
//   GET  /__sparkify/faults   {"pending": n, "injected": total, "requests": total S3 requests,
//                              "connections": TCP connections accepted, "latencyMs": ms}
//   DELETE /__sparkify/faults clears pending faults and the added latency
//   POST /__sparkify/latency?ms=N   delays every S3 answer by N ms (a far-away server)
'use strict';

const fs = require('fs');
const S3rver = require('@20minutes/s3rver');
const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account');

function parseArgs(argv) {
  const opts = { port: 0, address: '127.0.0.1', buckets: [], silent: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--port': opts.port = Number(value()); break;
      case '--address': opts.address = value(); break;
      case '--directory': opts.directory = value(); break;
      case '--bucket': opts.buckets.push(value()); break;
      case '--port-file': opts.portFile = value(); break;
      case '--parent-pid': opts.parentPid = Number(value()); break;
      case '--silent': opts.silent = true; break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  if (!opts.directory) throw new Error('--directory is required');
  return opts;
}

const faults = { pending: [], injected: 0, requests: 0, connections: 0, latencyMs: 0 };

function xmlError(code, message) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message>` +
    '<RequestId>sparkify-fault</RequestId></Error>';
}

// Runs before every s3rver middleware, so an armed fault answers before authentication.
async function faultMiddleware(ctx, next) {
  if (ctx.path === '/__sparkify/faults') {
    if (ctx.method === 'POST') {
      const count = Number(ctx.query.count || 1);
      for (let k = 0; k < count; k++) {
        faults.pending.push({
          status: Number(ctx.query.status || 503),
          code: ctx.query.code || 'SlowDown',
          method: ctx.query.method || null,
          mode: ctx.query.mode || 'status',
        });
      }
    } else if (ctx.method === 'DELETE') {
      faults.pending = [];
      faults.latencyMs = 0;
    }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      pending: faults.pending.length,
      injected: faults.injected,
      requests: faults.requests,
      connections: faults.connections,
      latencyMs: faults.latencyMs,
    });
    return;
  }
  if (ctx.path === '/__sparkify/latency' && ctx.method === 'POST') {
    faults.latencyMs = Number(ctx.query.ms || 0);
    ctx.body = '';
    return;
  }
  if (faults.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  }
  faults.requests++;
  const index = faults.pending.findIndex((f) => !f.method || f.method === ctx.method);
  if (index >= 0) {
    const [fault] = faults.pending.splice(index, 1);
    faults.injected++;
    if (fault.mode === 'reset') {
      ctx.req.socket.destroy();
      ctx.respond = false;
      return;
    }
    ctx.status = fault.status;
    ctx.type = 'application/xml';
    ctx.body = xmlError(fault.code, 'Injected by the sparkify test server');
    return;
  }
  await next();
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const keyId = process.env.S3RVER_ACCESS_KEY_ID;
  const secret = process.env.S3RVER_SECRET_ACCESS_KEY;
  if (keyId && secret) DUMMY_ACCOUNT.createKeyPair(keyId, secret);

  const server = new S3rver({
    port: opts.port,
    address: opts.address,
    directory: opts.directory,
    silent: opts.silent,
    configureBuckets: opts.buckets.map((name) => ({ name })),
  });
  server.middleware.unshift(faultMiddleware);
  const { port } = await server.run();
  server.httpServer.on('connection', () => faults.connections++);

  if (opts.portFile) {
    // Written atomically, so a reader never sees a partial port number.
    fs.writeFileSync(`${opts.portFile}.tmp`, `${port}\n`);
    fs.renameSync(`${opts.portFile}.tmp`, opts.portFile);
  }
  console.log(`s3rver listening on http://${opts.address}:${port} (pid ${process.pid})`);

  const stop = () => {
    server.close(() => process.exit(0));
    server.httpServer.closeAllConnections();  // do not wait for idle keep-alive clients
    setTimeout(() => process.exit(0), 100);  // nor for the request logger to flush
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (opts.parentPid) {
    setInterval(() => {
      try {
        process.kill(opts.parentPid, 0);
      } catch {
        console.log(`parent ${opts.parentPid} is gone; stopping`);
        stop();
      }
    }, 500).unref();
  }
}

main().catch((err) => {
  console.error(`start.js: ${err.message}`);
  process.exit(1);
});
