import { Server, ServerCredentials, type ServerOptions, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";

/** A gRPC server a test started on a free loopback port. */
export interface TestGrpcServer {
  readonly server: Server;
  readonly port: number;
  /** `127.0.0.1:<port>`, for `createGrpcClient` or an adapter under test. */
  readonly address: string;
  /** Stops accepting calls and waits for the ones under way. */
  close(): Promise<void>;
}

/** Serves one or more services on 127.0.0.1 at a port the system picks. */
export async function startTestGrpcServer(
  services: readonly { readonly definition: ServiceDefinition; readonly implementation: UntypedServiceImplementation }[],
  options: ServerOptions = {},
): Promise<TestGrpcServer> {
  const server = new Server(options);
  for (const { definition, implementation } of services) server.addService(definition, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    server,
    port,
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
