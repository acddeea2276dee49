-- CreateEnum
CREATE TYPE "SealStatus" AS ENUM ('ACTIVE', 'LOCKED');

-- CreateTable
CREATE TABLE "Seal" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "SealStatus" NOT NULL DEFAULT 'ACTIVE',
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Seal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StampRecord" (
    "id" BIGSERIAL NOT NULL,
    "sealId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StampRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Seal_name_key" ON "Seal"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StampRecord_sealId_sequence_key" ON "StampRecord"("sealId", "sequence");

-- AddForeignKey
ALTER TABLE "StampRecord" ADD CONSTRAINT "StampRecord_sealId_fkey" FOREIGN KEY ("sealId") REFERENCES "Seal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
