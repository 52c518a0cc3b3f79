-- Order service schema (MySQL 8).
CREATE TABLE customers (
  id         bigint unsigned NOT NULL AUTO_INCREMENT,
  email      varchar(191) NOT NULL,
  fax        varchar(30) NULL,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE orders (
  id          int NOT NULL AUTO_INCREMENT,
  customer_id bigint unsigned NOT NULL,
  status      enum('new','paid','shipped') NOT NULL DEFAULT 'new',
  note        varchar(50) NOT NULL DEFAULT '',
  created_at  datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY idx_orders_customer (customer_id),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_items (
  id       bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id int NOT NULL,
  sku      varchar(40) NOT NULL,
  CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
