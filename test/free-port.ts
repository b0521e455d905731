import * as net from 'node:net';

/** A port on localhost that nothing listens on now. */
export async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, 'localhost');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
