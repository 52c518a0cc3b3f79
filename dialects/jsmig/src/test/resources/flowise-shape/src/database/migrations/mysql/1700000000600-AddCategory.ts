import { MigrationInterface, QueryRunner } from 'typeorm'
import { hasColumn } from '../../../utils/database.util'

export class AddCategory1700000000600 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        const exists = await queryRunner.hasColumn('flow', 'category')
        if (!exists) await queryRunner.query(`ALTER TABLE \`flow\` ADD COLUMN \`category\` TEXT;`)
        const tableName = 'flow'
        await queryRunner.query(`ALTER TABLE \`${tableName}\` MODIFY COLUMN \`body\` LONGTEXT NOT NULL;`)
        if (!(await hasColumn(queryRunner, 'flow', 'deployed'))) {
            await queryRunner.query(`ALTER TABLE \`flow\` ADD COLUMN \`deployed\` TINYINT NOT NULL DEFAULT 0;`)
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`flow\` DROP COLUMN \`category\`;`)
    }
}
