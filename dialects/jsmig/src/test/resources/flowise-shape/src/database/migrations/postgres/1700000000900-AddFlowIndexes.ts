import { MigrationInterface, QueryRunner, TableColumn, TableIndex, TableForeignKey } from 'typeorm'

export class AddFlowIndexes1700000000900 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.addColumn(
            'flow',
            new TableColumn({ name: 'category', type: 'varchar', length: '64', isNullable: true })
        )
        await queryRunner.createIndex('message', new TableIndex({ name: 'IDX_message_flowId', columnNames: ['flowId'] }))
        await queryRunner.createForeignKey(
            'message',
            new TableForeignKey({
                name: 'FK_message_flow',
                columnNames: ['flowId'],
                referencedTableName: 'flow',
                referencedColumnNames: ['id'],
                onDelete: 'CASCADE'
            })
        )
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.dropForeignKey('message', 'FK_message_flow')
        await queryRunner.dropIndex('message', 'IDX_message_flowId')
        await queryRunner.dropColumn('flow', 'category')
    }
}
