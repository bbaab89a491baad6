-- A member's receipt is written in one statement (lib/purchases/write-receipt.ts) that is sent
-- with the transaction's `commit` (lib/db/raw-pool.ts). When a per-customer limit or a code
-- refused a reservation in it, the statement must fail, so that the commit sent with it does not
-- run: this raises SQLSTATE TR002 with what was refused as JSON in DETAIL, and the receipt rolls
-- back to its savepoint and is written again without those promotions.
create or replace function "tribune_refuse_reservations"(customer text[], codes text[]) returns boolean
language plpgsql volatile as $$
begin
  if cardinality(customer) > 0 or cardinality(codes) > 0 then
    raise exception 'promotion reservations refused'
      using errcode = 'TR002', detail = json_build_object('customer', customer, 'codes', codes)::text;
  end if;
  return true;
end
$$;
