import { MigrationInterface, QueryRunner } from "typeorm";

export class EmailIndex1700000000100 implements MigrationInterface {
  public transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === "postgres";
    if (isPostgres) {
      await queryRunner.query(`CREATE INDEX CONCURRENTLY "accounts_email_idx" ON "accounts" ("email")`);
    } else {
      await queryRunner.query("ALTER TABLE `accounts` ADD INDEX `accounts_email_idx` (`email`), ALGORITHM=INPLACE");
    }
    if (queryRunner.connection.driver.options.type !== "postgres") {
      return;
    }
    await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_len" CHECK (length("email") < 320) NOT VALID`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "accounts_email_idx"`);
  }
}
