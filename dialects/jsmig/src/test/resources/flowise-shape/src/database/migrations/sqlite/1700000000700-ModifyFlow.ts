import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm'

export class ModifyFlow1700000000700 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(
            `CREATE TABLE "temp_flow" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar NOT NULL, "body" text NOT NULL, "category" text, "createdDate" datetime NOT NULL DEFAULT (datetime('now')));`
        )
        await queryRunner.query(`INSERT INTO "temp_flow" ("id", "name", "body", "createdDate") SELECT "id", "name", "body", "createdDate" FROM "flow";`)
        await queryRunner.query(`DROP TABLE flow;`)
        await queryRunner.query(`ALTER TABLE temp_flow RENAME TO flow;`)
        await queryRunner.addColumn('flow', new TableColumn({ name: 'deployed', type: 'boolean', isNullable: true }))
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "flow" DROP COLUMN "category";`)
    }
}
