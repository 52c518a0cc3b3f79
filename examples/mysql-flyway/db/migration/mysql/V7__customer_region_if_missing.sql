-- Guard idiom: add the column only when it does not exist yet.
SET @ddl = (SELECT IF(
  (SELECT COUNT(*) FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = 'customers' AND column_name = 'region') > 0,
  'SELECT 1',
  'ALTER TABLE customers ADD COLUMN region varchar(8) NOT NULL'));
PREPARE stmt FROM @ddl;
EXECUTE stmt;
DEALLOCATE PREPARE stmt;
