import { approvalRepositoryContract } from "../db/approval-repository.contract.js";
import { toBusMessage } from "../events/approval-events.js";
import { MemoryApprovalRepository } from "./memory-approval-repository.js";

approvalRepositoryContract("MemoryApprovalRepository", async () => {
  const repository = new MemoryApprovalRepository();
  return { repository, outboxTopics: async () => repository.events.map((e) => toBusMessage(e).topic), close: async () => undefined };
});
