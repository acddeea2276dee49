import { organisationRepositoryContract } from "../db/organisation-repository.contract.js";
import { ORGANISATION_TOPICS } from "../events/organisation-events.js";
import { MemoryOrganisationRepository } from "./memory-organisation-repository.js";

organisationRepositoryContract("MemoryOrganisationRepository", async () => {
  const repository = new MemoryOrganisationRepository();
  return { repository, outboxTopics: async () => repository.events.map((e) => ORGANISATION_TOPICS[e.type]), close: async () => undefined };
});
