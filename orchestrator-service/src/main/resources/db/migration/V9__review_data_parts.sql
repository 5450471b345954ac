-- A review request carries a data part (the review/v1 JSON) besides its text: sent with the call, never shown.
ALTER TABLE task ADD COLUMN input_data TEXT;
