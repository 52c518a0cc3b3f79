-- The events table as it is in production today: its INT key is running out.
CREATE TABLE events (
    id INT NOT NULL AUTO_INCREMENT,
    account_id BIGINT NOT NULL,
    sku VARCHAR(64) NOT NULL,
    payload VARCHAR(255) NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    KEY events_account_id_idx (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
