import { MigrationInterface, QueryRunner } from 'typeorm'

export class AddChatType1700000000500 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "message" ADD COLUMN IF NOT EXISTS "chatId" varchar;`)
        const firsts: { id: string; flowId: string }[] = await queryRunner.query(
            `SELECT DISTINCT ON ("flowId") "flowId", "id" FROM "message" ORDER BY "flowId";`
        )
        for (const m of firsts) {
            await queryRunner.query(`UPDATE "message" SET "chatId" = '${m.id}' WHERE "flowId" = '${m.flowId}'`)
        }
        await queryRunner.query(`ALTER TABLE "message" ALTER COLUMN "chatId" SET NOT NULL;`)
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "message" DROP COLUMN "chatId";`)
    }
}
