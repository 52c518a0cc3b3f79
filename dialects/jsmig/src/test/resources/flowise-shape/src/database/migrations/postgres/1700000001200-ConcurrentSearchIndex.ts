import { MigrationInterface, QueryRunner } from 'typeorm'

export class ConcurrentSearchIndex1700000001200 implements MigrationInterface {
    name = 'ConcurrentSearchIndex1700000001200'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_flow_name" ON "flow" ("name")`)
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX CONCURRENTLY "IDX_flow_name"`)
    }
}
