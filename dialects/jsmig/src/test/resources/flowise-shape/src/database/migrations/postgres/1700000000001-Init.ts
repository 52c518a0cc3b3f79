import { MigrationInterface, QueryRunner } from 'typeorm'

export class Init1700000000001 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(
            `CREATE TABLE IF NOT EXISTS "flow" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" varchar NOT NULL,
                "body" text NOT NULL,
                "createdDate" timestamp NOT NULL DEFAULT now(),
                CONSTRAINT "PK_flow_id" PRIMARY KEY ("id")
            );`
        )
        await queryRunner.query(
            `CREATE TABLE IF NOT EXISTS "message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "flowId" uuid NOT NULL,
                "content" text NOT NULL,
                CONSTRAINT "PK_message_id" PRIMARY KEY ("id")
            );`
        )
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "message"`)
        await queryRunner.query(`DROP TABLE "flow"`)
    }
}
