import { z } from "zod";

const PEER_NAME = /^[a-z][a-z0-9-]{1,40}$/;
// host (name, IPv4 or bracketed IPv6) and a port; gRPC target syntax beyond that is not needed for a peer.
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * YUNXI_PEER_ADDRESSES: `name=host:port,name=host:port`, the gRPC address of named peers. It overrides
 * YUNXI_PEER_ADDRESS_TEMPLATE per name, for layouts the template cannot express, such as every service in
 * its own process on one machine (each on its own port of 127.0.0.1). Every bad entry is reported at once.
 */
export function peerAddressesSchema() {
  return z.string().transform((value, context) => {
    const addresses: Record<string, string> = {};
    for (const item of value.split(",").map((entry) => entry.trim()).filter((entry) => entry.length > 0)) {
      const separator = item.indexOf("=");
      const name = separator < 0 ? item : item.slice(0, separator).trim();
      const address = separator < 0 ? "" : item.slice(separator + 1).trim();
      const problem = !PEER_NAME.test(name)
        ? `"${item}": expected name=host:port with a module name (lower case, digits, dashes)`
        : Object.hasOwn(addresses, name)
          ? `"${name}" is given twice`
          : !isHostPort(address)
            ? `"${item}": expected name=host:port with a port from 1 to 65535`
            : undefined;
      if (problem) context.addIssue({ code: "custom", message: problem });
      else addresses[name] = address;
    }
    return Object.freeze(addresses);
  });
}

function isHostPort(address: string): boolean {
  const match = HOST_PORT.exec(address);
  const port = Number(match?.[2]);
  return match !== null && port >= 1 && port <= 65535;
}

/** Where peer `name` is served when it runs in another process: its YUNXI_PEER_ADDRESSES entry, else the template. */
export function peerAddressOf(
  settings: { readonly PEER_ADDRESS_TEMPLATE: string; readonly PEER_ADDRESSES?: Readonly<Record<string, string>> | undefined },
  name: string,
): string {
  return settings.PEER_ADDRESSES?.[name] ?? settings.PEER_ADDRESS_TEMPLATE.replaceAll("{name}", name);
}
