-- Every user gets a sequential member number that support staff can read out on the phone.
ALTER TABLE users ADD COLUMN member_no bigint GENERATED ALWAYS AS IDENTITY UNIQUE;
