use sqlx::{AnyConnection, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub member_count: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct MembershipRow {
    pub user_id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub display_name: String,
    pub email: String,
}

pub async fn create(
    conn: &mut AnyConnection,
    name: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO organisations (name, created_at) VALUES ($1, $2) \
         ON CONFLICT (name) DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn list(conn: &mut AnyConnection) -> Result<Vec<OrganisationRow>, sqlx::Error> {
    sqlx::query_as::<_, OrganisationRow>(
        "SELECT o.id, o.name, \
           (SELECT COUNT(*) FROM memberships m WHERE m.organisation_id = o.id) AS member_count \
         FROM organisations o ORDER BY LOWER(o.name)",
    )
    .fetch_all(conn)
    .await
}

pub async fn find(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<OrganisationRow>, sqlx::Error> {
    sqlx::query_as::<_, OrganisationRow>(
        "SELECT o.id, o.name, \
           (SELECT COUNT(*) FROM memberships m WHERE m.organisation_id = o.id) AS member_count \
         FROM organisations o WHERE o.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

const MEMBERSHIPS: &str = "\
    SELECT m.user_id, m.organisation_id, o.name AS organisation_name, u.display_name, u.email \
    FROM memberships m \
    JOIN organisations o ON o.id = m.organisation_id \
    JOIN users u ON u.id = m.user_id";

/// The memberships of the people with these ids (one page of the people list), in one
/// query.
pub async fn memberships_of_users(
    conn: &mut AnyConnection,
    user_ids: &[i64],
) -> Result<Vec<MembershipRow>, sqlx::Error> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Numbers only, so they can be written into the query as they are.
    let ids = user_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(format!(
        "{MEMBERSHIPS} WHERE m.user_id IN ({ids}) ORDER BY LOWER(o.name)"
    )))
    .fetch_all(conn)
    .await
}

pub async fn memberships_of_user(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Vec<MembershipRow>, sqlx::Error> {
    sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(format!(
        "{MEMBERSHIPS} WHERE m.user_id = $1 ORDER BY LOWER(o.name)"
    )))
    .bind(user_id)
    .fetch_all(conn)
    .await
}

pub async fn members_of(
    conn: &mut AnyConnection,
    organisation_id: i64,
) -> Result<Vec<MembershipRow>, sqlx::Error> {
    sqlx::query_as::<_, MembershipRow>(sqlx::AssertSqlSafe(format!(
        "{MEMBERSHIPS} WHERE m.organisation_id = $1 ORDER BY LOWER(u.email)"
    )))
    .bind(organisation_id)
    .fetch_all(conn)
    .await
}

/// Whether the person was added (false when they were already a member).
pub async fn add_member(
    conn: &mut AnyConnection,
    user_id: i64,
    organisation_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO memberships (user_id, organisation_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, organisation_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(organisation_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether the person was removed (false when they were not a member).
pub async fn remove_member(
    conn: &mut AnyConnection,
    user_id: i64,
    organisation_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2")
        .bind(user_id)
        .bind(organisation_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether an organisation goes by `name` (ignoring case): a person may not, or their
/// comments would pass for the organisation's. There are tens of organisations, not
/// thousands, so this reads them without an index.
pub async fn is_named(conn: &mut AnyConnection, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE LOWER(name) = LOWER($1)")
            .bind(name)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}
