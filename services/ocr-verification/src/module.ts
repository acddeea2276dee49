import { defineModule } from "@yunxi/platform";

/** OCR of stamped pages against the original documents; blank-page and extra-page detection. */
export const ocrVerificationModule = defineModule({
  name: "ocr-verification",
  description: "OCR of stamped pages against the original documents; blank-page and extra-page detection",
  uses: ["database", "events"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
