import { defineModule } from "@yunxi/platform";

/** Accounts, SMS codes, passwords, sessions and tokens, roles and permissions (Keycloak-backed in a cluster). */
export const identityModule = defineModule({
  name: "identity",
  description: "Accounts, SMS codes, passwords, sessions and tokens, roles and permissions (Keycloak-backed in a cluster)",
  uses: ["database", "cache"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
