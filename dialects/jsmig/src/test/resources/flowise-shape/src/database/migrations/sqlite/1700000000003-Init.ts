import { MigrationInterface, QueryRunner } from 'typeorm'

export class Init1700000000003 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(
            `CREATE TABLE IF NOT EXISTS "flow" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "body" text NOT NULL, "createdDate" datetime NOT NULL DEFAULT (datetime('now')));`
        )
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE flow`)
    }
}
