import { MigrationInterface, QueryRunner } from 'typeorm'

export class ConcurrentMessageIndex1700000001300 implements MigrationInterface {
    public transaction = false

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_message_content" ON "message" ("chatId")`)
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX CONCURRENTLY "IDX_message_content"`)
    }
}
