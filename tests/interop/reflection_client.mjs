// A gRPC client nobody on the Factdesk team wrote: Node's @grpc/grpc-js with
// grpc-reflection-js. It knows nothing of the Factdesk API beforehand: it discovers the
// services through server reflection, builds a WorkspaceService client from the file
// descriptor the server sends, calls WhoAmI with a bearer token, describes every service
// reflection lists (health and reflection included), and asks the health service, with a
// client built from the descriptor reflection sent, whether the server is SERVING.
//
//   node reflection_client.mjs ADDRESS TOKEN EXPECTED_HANDLE [--ca CA.pem]
//
// Prints one JSON object with what it found on stdout; exits 0 when every check passed,
// 1 (with the reason on stderr) when one failed.
import grpc from '@grpc/grpc-js';
import reflection from 'grpc-reflection-js';
import protobuf from 'protobufjs';
import { readFileSync } from 'node:fs';

const REQUIRED_SERVICES = [
  'factdesk.v1.WorkspaceService',
  'factdesk.v1.ClaimService',
  'grpc.health.v1.Health',
  'grpc.reflection.v1alpha.ServerReflection',
];
const DEADLINE_MS = 30000;

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function parseArgs(argv) {
  const positional = [];
  let ca = '';
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--ca') {
      ca = argv[++i] ?? '';
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length !== 3) {
    throw new CheckFailed('usage: reflection_client.mjs ADDRESS TOKEN EXPECTED_HANDLE [--ca FILE]');
  }
  const [address, token, handle] = positional;
  return { address, token, handle, ca };
}

function deadline() {
  return new Date(Date.now() + DEADLINE_MS);
}

// A unary call through a generic client; resolves with { error, response }.
function unary(client, method, request, metadata) {
  return new Promise((resolve) => {
    client[method](request, metadata, { deadline: deadline() }, (error, response) =>
      resolve({ error, response }),
    );
  });
}

// A grpc-js client for `serviceName`, built from a protobufjs Root: every method's path,
// and (de)serializers made from the message types the descriptor names.
function clientFromDescriptor(root, serviceName, address, credentials) {
  const service = root.lookupService(serviceName);
  service.resolveAll();
  const definition = {};
  for (const method of service.methodsArray) {
    const requestType = method.resolvedRequestType;
    const responseType = method.resolvedResponseType;
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: Boolean(method.requestStream),
      responseStream: Boolean(method.responseStream),
      requestSerialize: (object) =>
        Buffer.from(requestType.encode(requestType.fromObject(object)).finish()),
      requestDeserialize: (bytes) => requestType.toObject(requestType.decode(bytes)),
      responseSerialize: (object) =>
        Buffer.from(responseType.encode(responseType.fromObject(object)).finish()),
      responseDeserialize: (bytes) =>
        responseType.toObject(responseType.decode(bytes), {
          longs: String,
          enums: String,
          defaults: true,
        }),
    };
  }
  const Client = grpc.makeGenericClientConstructor(definition, serviceName);
  return { client: new Client(address, credentials), methods: Object.keys(definition) };
}

// Describes every listed service through reflection (file_containing_symbol), as grpcurl
// `describe` does: each must come back with its methods. Returns { name: [methods] } and
// the Root each was found in.
async function describeAll(reflector, services) {
  const described = {};
  const roots = {};
  for (const name of services) {
    let root;
    try {
      root = await reflector.fileContainingSymbol(name);
    } catch (e) {
      throw new CheckFailed(`reflection cannot describe ${name}: ${e.message || e}`);
    }
    let service;
    try {
      service = root.lookupService(name);
    } catch (e) {
      throw new CheckFailed(`the descriptor sent for ${name} has no such service: ${e.message}`);
    }
    described[name] = service.methodsArray.map((m) => m.name).sort();
    check(described[name].length > 0, `${name} is described without methods`);
    roots[name] = root;
  }
  return { described, roots };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const credentials = args.ca
    ? grpc.credentials.createSsl(readFileSync(args.ca))
    : grpc.credentials.createInsecure();
  const report = { address: args.address };

  // 1. Discover the services.
  const reflector = new reflection.Client(args.address, credentials);
  let services;
  try {
    services = await reflector.listServices();
  } catch (e) {
    throw new CheckFailed(`reflection list_services failed: ${e.code ?? ''} ${e.message ?? e}`);
  }
  report.services = [...services].sort();
  for (const name of REQUIRED_SERVICES) {
    check(services.includes(name), `reflection does not list ${name}; it lists ${services}`);
  }

  // 2. Every listed service can be described, the standard ones included.
  const { described, roots } = await describeAll(reflector, services);
  report.described = described;
  check(
    JSON.stringify(described['grpc.health.v1.Health']) === JSON.stringify(['Check', 'Watch']),
    `grpc.health.v1.Health is described with ${described['grpc.health.v1.Health']}`,
  );

  // 3. The file descriptor of WorkspaceService (with its imports), through reflection.
  let root;
  try {
    root = await reflector.fileContainingSymbol('factdesk.v1.WorkspaceService');
  } catch (e) {
    throw new CheckFailed(
      `reflection file_containing_symbol(factdesk.v1.WorkspaceService) failed: ${e.message || e}`,
    );
  }
  const whoAmIResponse = root.lookupType('factdesk.v1.WhoAmIResponse');
  report.whoami_response_fields = whoAmIResponse.fieldsArray.map((f) => f.name);
  const { client, methods } = clientFromDescriptor(
    root,
    'factdesk.v1.WorkspaceService',
    args.address,
    credentials,
  );
  report.workspace_methods = methods;
  check(methods.includes('WhoAmI'), `WorkspaceService has no WhoAmI: ${methods}`);

  // 4. WhoAmI with the token: the handle comes back.
  const withToken = new grpc.Metadata();
  withToken.set('authorization', `Bearer ${args.token}`);
  const who = await unary(client, 'WhoAmI', {}, withToken);
  check(!who.error, `WhoAmI failed: ${who.error?.code} ${who.error?.details}`);
  report.whoami = who.response;
  check(
    who.response.user?.handle === args.handle,
    `WhoAmI returned handle ${who.response.user?.handle}, expected ${args.handle}`,
  );

  // Without a token the same call is refused (UNAUTHENTICATED = 16).
  const anonymous = await unary(client, 'WhoAmI', {}, new grpc.Metadata());
  check(anonymous.error, 'WhoAmI without a token succeeded');
  report.anonymous_code = anonymous.error.code;
  report.anonymous_message = anonymous.error.details;
  check(
    anonymous.error.code === grpc.status.UNAUTHENTICATED,
    `WhoAmI without a token: code ${anonymous.error.code}, expected UNAUTHENTICATED`,
  );

  // 5. Health, without a token, through the descriptor reflection sent.
  const healthClient = clientFromDescriptor(
    roots['grpc.health.v1.Health'],
    'grpc.health.v1.Health',
    args.address,
    credentials,
  ).client;
  const health = await unary(healthClient, 'Check', { service: '' }, new grpc.Metadata());
  check(!health.error, `Health/Check failed: ${health.error?.code} ${health.error?.details}`);
  report.health = health.response.status;
  check(health.response.status === 'SERVING', `Health/Check says ${health.response.status}`);

  client.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`interop: ${e instanceof CheckFailed ? e.message : e.stack || e}\n`);
    process.exit(1);
  },
);
