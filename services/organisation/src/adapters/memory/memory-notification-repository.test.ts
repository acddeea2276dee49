import { randomUUID } from "node:crypto";
import { notificationRepositoryContract } from "../db/notification-repository.contract.js";
import { MemoryNotificationRepository } from "./memory-notification-repository.js";

notificationRepositoryContract("MemoryNotificationRepository", async () => ({
  repository: new MemoryNotificationRepository(),
  addOrganisation: async () => randomUUID(),
  close: async () => undefined,
}));
