import { MEDIA_TOPICS } from "../events/media-events.js";
import { mediaRepositoryContract } from "../db/media-repository.contract.js";
import { MemoryMediaRepository } from "./memory-media-repository.js";

mediaRepositoryContract("MemoryMediaRepository", async () => {
  const repository = new MemoryMediaRepository();
  return { repository, outboxTopics: async () => repository.events.map((e) => MEDIA_TOPICS[e.type]), close: async () => undefined };
});
