import { defineModule } from "@yunxi/platform";

/** Photos and videos: upload, encryption at rest, quotas, retention, download, export. */
export const mediaModule = defineModule({
  name: "media",
  description: "Photos and videos: upload, encryption at rest, quotas, retention, download, export",
  uses: ["database", "events", "blobs"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
