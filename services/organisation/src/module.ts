import { defineModule } from "@yunxi/platform";

/** Organisations, organisation codes, department tree, supervisors, memberships, network zones. */
export const organisationModule = defineModule({
  name: "organisation",
  description: "Organisations, organisation codes, department tree, supervisors, memberships, network zones",
  uses: ["database", "events"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
